package io.github.spred4j.solver;

/**
 * The duality gap of {@link WeightedGlm}'s problem P = Σ f_i(η_i) + Σ_c R_c(v_c), f_i = a_i·ℓ(y_i, ·),
 * R_c(t) = la_c|t| + mu_c/2 t² (la = mu = 0 for the intercept and the unpenalised columns). For any θ with
 * u_cᵀθ = 0 on the free coordinates, D(θ) = Σ_{a_i > 0} a_i·(−ℓ*)(y_i, y_i − θ_i/a_i) − Σ_c R_c*(u_cᵀθ) ≤ P*
 * (Fenchel; {@link io.github.spred4j.data.LossFamily#dualTerm} is −ℓ* in q = y − θ/a; a row of weight 0 has
 * θ_i = 0). The point: θ0 = a∘(y − μ(η)), the negative gradient, made orthogonal to the free columns by the
 * curvature-weighted projection θ' = θ0 − w∘U_F(U_FᵀWU_F)⁻¹U_Fᵀθ0 (w = a·μ'(η): rows near the conjugate's
 * domain boundary barely move, rows of weight 0 stay 0), then scaled by the t in [0, T] that maximises D, T the
 * largest scale keeping q in the domain and, for the lasso, |u_cᵀθ| ≤ la_c. At the optimum θ' = θ0 and t = 1: the
 * gap is 0. The value is signed and never clamped: a negative gap is a bug.
 */
final class WeightedGap {
    private WeightedGap() {
    }

    /** r = θ0 and g = U ᵀθ0 of the current state; lambdaMax for the λ = 0 ratio. */
    static Certificates.Certificate of(WeightedGlm q, double lambda, double lambdaMax, double[] r, double[] g) {
        int n = q.n, m = q.m;
        double P = q.objective(lambda); // the state is refreshed: its loss is summed
        if (lambda == 0) { // no bounded dual: the gradient ratio, as Certificates names it
            double gm = 0;
            for (double x : g) gm = Math.max(gm, Math.abs(x));
            double v = gm / Math.max(lambdaMax * q.alpha, Double.MIN_NORMAL);
            return new Certificates.Certificate("gradient_ratio", P, Double.NaN, v);
        }
        double[] theta = r.clone();
        int[] fr = q.freeSet();
        if (fr.length > 0) {
            double[] w = q.w; // a·μ'(η) at the refreshed state
            int k = fr.length;
            double[] H = new double[k * k], gf = new double[k], wc = new double[n];
            for (int x = 0; x < k; x++) {
                gf[x] = g[fr[x]];
                q.cols.weighted(fr[x], w, wc);
                for (int z = 0; z <= x; z++) {
                    double h = q.cols.dot(fr[z], wc);
                    H[x * k + z] = h;
                    H[z * k + x] = h;
                }
            }
            double[] z = Cholesky.solve(H, gf, k);
            for (int x = 0; x < k; x++) {
                q.cols.weighted(fr[x], w, wc);
                for (int i = 0; i < n; i++) theta[i] -= wc[i] * z[x];
            }
        }
        double[] c = new double[m];
        for (int j = 0; j < m; j++) {
            if (q.f[j] == 0) continue;
            c[j] = q.cols.dot(j, theta);
        }
        double T = q.alpha == 1 ? Double.POSITIVE_INFINITY : 1;
        if (q.alpha == 1)
            for (int j = 0; j < m; j++) if (q.f[j] > 0 && c[j] != 0) T = Math.min(T, q.la(j, lambda) / Math.abs(c[j]));
        double lo = q.fam.dualLower(), hi = q.fam.dualUpper();
        for (int i = 0; i < n; i++) {
            if (q.a[i] == 0 || theta[i] == 0) continue;
            double step = theta[i] / q.a[i]; // q_i(t) = y_i − t·step
            if (step > 0 && lo > Double.NEGATIVE_INFINITY) T = Math.min(T, (q.y[i] - lo) / step);
            if (step < 0 && hi < Double.POSITIVE_INFINITY) T = Math.min(T, (hi - q.y[i]) / -step);
        }
        if (Double.isInfinite(T)) T = 1;
        double best = dual(q, theta, c, T, lambda);
        for (int k = 0; k < 8 && best == Double.NEGATIVE_INFINITY; k++) { // T's own rounding put a q or |u_cᵀθ| just outside
            T *= 1 - 1e-15 * (1 << k);
            best = dual(q, theta, c, T, lambda);
        }
        if ((P - best) / Math.max(Math.abs(P), Double.MIN_NORMAL) <= q.tol) // certified at T: no search needed
            return new Certificates.Certificate("duality_gap", P, best, (P - best) / Math.max(Math.abs(P), Double.MIN_NORMAL));
        if (T > 1) { // t = 1, the optimum's own scale (where D peaks near the answer when T is not binding: Poisson)
            double d1 = dual(q, theta, c, 1, lambda);
            if (d1 > best) best = d1;
            if ((P - best) / Math.max(Math.abs(P), Double.MIN_NORMAL) <= q.tol)
                return new Certificates.Certificate("duality_gap", P, best, (P - best) / Math.max(Math.abs(P), Double.MIN_NORMAL));
        }
        if (q.alpha == 1) // the lasso: D at T and at 1 (a search over [0, T] cost 40 passes of logs per failed check,
            // more than the Newton step that follows it: quine's path was no faster than before for it)
            return new Certificates.Certificate("duality_gap", P, best, (P - best) / Math.max(Math.abs(P), Double.MIN_NORMAL));
        // D is concave in t: golden section for an interior maximum (the elastic net), one new D a step; 40 steps
        // leave t within 4e-9·T, and D is flat (second order) there
        final double gr = 0.381966011250105;
        double x0 = 0, x1 = T, t1 = x0 + gr * (x1 - x0), t2 = x1 - gr * (x1 - x0);
        double d1 = dual(q, theta, c, t1, lambda), d2 = dual(q, theta, c, t2, lambda);
        for (int it = 0; it < 40; it++) {
            if (d1 < d2) {
                x0 = t1;
                t1 = t2;
                d1 = d2;
                t2 = x1 - gr * (x1 - x0);
                d2 = dual(q, theta, c, t2, lambda);
            } else {
                x1 = t2;
                t2 = t1;
                d2 = d1;
                t1 = x0 + gr * (x1 - x0);
                d1 = dual(q, theta, c, t1, lambda);
            }
        }
        best = Math.max(best, Math.max(d1, d2));
        return new Certificates.Certificate("duality_gap", P, best, (P - best) / Math.max(Math.abs(P), Double.MIN_NORMAL));
    }

    /** D(t·θ); −∞ when a q leaves the conjugate's domain or a lasso constraint is broken (rounding at T). */
    private static double dual(WeightedGlm q, double[] theta, double[] c, double t, double lambda) {
        double lo = q.fam.dualLower(), hi = q.fam.dualUpper();
        double d = 0;
        for (int i = 0; i < q.n; i++) {
            if (q.a[i] == 0) continue;
            double si = t * theta[i] / q.a[i];
            if (si > q.y[i] - lo || si < q.y[i] - hi) return Double.NEGATIVE_INFINITY; // on s: q = 1 − (−1e-19) rounds to 1
            d += q.a[i] * q.fam.dualTermAt(q.y[i], si); // from the step: the logistic 1 − q keeps its digits
        }
        for (int j = 0; j < q.m; j++) {
            if (q.f[j] == 0) continue;
            double z = Math.abs(t * c[j]), la = q.la(j, lambda), mu = q.mu(j, lambda);
            if (mu > 0) {
                double e = Math.max(z - la, 0);
                d -= e * e / (2 * mu);
            } else if (z > la) return Double.NEGATIVE_INFINITY;
        }
        return d;
    }
}
