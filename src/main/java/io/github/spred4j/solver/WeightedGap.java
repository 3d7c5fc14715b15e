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
        double P = q.objective(q.eta, q.v, lambda);
        if (lambda == 0) { // no bounded dual: the gradient ratio, as Certificates names it
            double gm = 0;
            for (double x : g) gm = Math.max(gm, Math.abs(x));
            double v = gm / Math.max(lambdaMax * q.alpha, Double.MIN_NORMAL);
            return new Certificates.Certificate("gradient_ratio", P, Double.NaN, v);
        }
        double[] theta = r.clone();
        int[] fr = q.freeSet();
        if (fr.length > 0) {
            double[] w = new double[n];
            for (int i = 0; i < n; i++) if (q.a[i] > 0) w[i] = q.a[i] * q.fam.weight(q.eta[i]);
            int k = fr.length;
            double[] H = new double[k * k], gf = new double[k];
            for (int x = 0; x < k; x++) {
                gf[x] = g[fr[x]];
                for (int z = 0; z <= x; z++) {
                    double h = 0;
                    double[] cx = q.u[fr[x]], cz = q.u[fr[z]];
                    for (int i = 0; i < n; i++) h += w[i] * cx[i] * cz[i];
                    H[x * k + z] = h;
                    H[z * k + x] = h;
                }
            }
            double[] z = Cholesky.solve(H, gf, k);
            for (int x = 0; x < k; x++) {
                double[] cx = q.u[fr[x]];
                for (int i = 0; i < n; i++) theta[i] -= w[i] * cx[i] * z[x];
            }
        }
        double[] c = new double[m];
        for (int j = 0; j < m; j++) {
            if (q.f[j] == 0) continue;
            double t = 0;
            double[] col = q.u[j];
            for (int i = 0; i < n; i++) t += col[i] * theta[i];
            c[j] = t;
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
        double x0 = 0, x1 = T; // D is concave in t: golden section for an interior maximum (the elastic net)
        for (int it = 0; it < 60; it++) {
            double h = (x1 - x0) * 0.381966011250105;
            double t1 = x0 + h, t2 = x1 - h;
            if (dual(q, theta, c, t1, lambda) < dual(q, theta, c, t2, lambda)) x0 = t1;
            else x1 = t2;
        }
        double mid = 0.5 * (x0 + x1), dm = dual(q, theta, c, mid, lambda);
        if (dm > best) best = dm;
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
