package io.github.spred4j.solver;

import io.github.spred4j.data.Dataset;
import io.github.spred4j.data.LossFamily;

/**
 * The float64 certificates of SQUARED, LOGISTIC and POISSON fits, public so that adapters and benchmarks judge any
 * answer (ours or a peer's) by the measure our fits are stopped by.
 *
 * <p>λ > 0: the <b>signed</b> relative duality gap (P − D)/|P| with the dual point ζ = t·(r − r̄)/n, r = y − μ(η),
 * t the largest scale in (0, 1] that keeps ζ feasible (‖Zcᵀζ‖∞ ≤ λα for the pure L1 penalty, q = y − nζ inside
 * the conjugate's domain). It is never clamped: a gap below −{@link #NEGATIVE_SLACK}·|P| means a wrong dual (a bug)
 * and is reported as it is. λ = 0 (least squares / unpenalised GLM, where no bounded dual exists): the relative
 * gradient ‖∇L‖∞ / ‖∇L(null model)‖∞ (intercept's condition included), named "gradient_ratio", so an exact
 * least-squares fit certifies.
 *
 * <p>float32 fits: the certificate is always computed in float64 on the returned (float32-rounded) answer; a
 * float32 fit counts as certified when it is ≤ {@link #tolerance}, i.e. max(tol, {@link #FLOAT32_TOL}).
 */
public final class Certificates {
    /** A gap below −NEGATIVE_SLACK·|P| is a bug (a dual point that overshoots), never a certificate. */
    public static final double NEGATIVE_SLACK = 1e-12;
    /** The certificate a float32 fit can promise: float32 rounding of the coefficients limits the gap. */
    public static final double FLOAT32_TOL = 1e-5;

    private Certificates() {
    }

    /** A certificate: its name, the primal objective P, the dual D (NaN for gradient_ratio) and the value. */
    public record Certificate(String name, double objective, double dual, double value) {
        /** Whether the value is a (signed) gap below the negative slack: a bug to report. */
        public boolean negative() {
            return value < -NEGATIVE_SLACK;
        }
    }

    /** The tolerance a fit of the given precision is certified against. */
    public static double tolerance(FitOptions o) {
        return o.precision() == io.github.spred4j.api.Precision.FLOAT32 ? Math.max(o.tol(), FLOAT32_TOL) : o.tol();
    }

    /**
     * The certificate of (b0, β) (original scale) for the problem at {@code lambda}, in float64 on the host.
     * SQUARED, LOGISTIC and POISSON (GROUP has its KKT certificate inside the solver).
     */
    public static Certificate of(Dataset d, FitOptions o, double lambda, double b0, double[] beta) {
        if (o.model() == Model.GROUP) throw new IllegalArgumentException("GROUP: the certificate is a KKT violation, not a duality gap");
        if (o.reweighted()) return ReweightedFits.certificate(d, o, lambda, b0, beta); // glmnet's weighted / factored problem
        LossFamily fam = Families.of(o.model());
        int n = d.n(), p = d.p();
        if (beta.length != p) throw new IllegalArgumentException("beta has length " + beta.length + ", expected p = " + p);
        HostMatrix x = HostMatrix.of(d); // dense as given, sparse as its CSC: never densified
        double[] y = d.y();
        fam.validate(y);
        double[] xbar = new double[p], scale = new double[p];
        if (o.intercept()) {
            xbar = x.columnSums();
            for (int j = 0; j < p; j++) xbar[j] /= n;
        }
        scale = scales(o.intercept() ? x.centredSumSquares(xbar) : x.centredSumSquares(means(x.columnSums(), n)), n, o.standardize());
        double ybar = 0;
        for (double v : y) ybar += v / n;
        double[] eta, r = new double[n];
        if (fam.isQuadratic()) { // the residual without rounding at |y|'s scale (residual()); η = b0 + Xβ alongside
            eta = x.eta(0, beta);
            for (int i = 0; i < n; i++) {
                r[i] = residual(y[i], o.intercept() ? ybar : 0, b0, eta[i]);
                eta[i] += b0;
            }
        } else {
            eta = x.eta(b0, beta);
            for (int i = 0; i < n; i++) r[i] = fam.residual(y[i], eta[i]); // logistic: 1 − μ with its digits
        }
        double c0 = o.intercept() ? fam.nullIntercept(ybar) : 0;
        double[] rNull = new double[n];
        for (int i = 0; i < n; i++) rNull[i] = y[i] - fam.mean(c0);
        double[] g = zcT(x, r, xbar, scale), g0 = zcT(x, rNull, xbar, scale);
        double[] b = new double[p];
        for (int j = 0; j < p; j++) b[j] = beta[j] * scale[j];
        double gNull = 0;
        for (double v : g0) gNull = Math.max(gNull, Math.abs(v));
        double la = lambda * o.alpha(), mu = lambda * (1 - o.alpha());
        Certificate c = compute(fam, y, eta, r, g, b, la, mu, o.intercept(), gNull);
        if (!fam.isQuadratic() && o.intercept() && !(la == 0 && mu == 0)) { // both valid dual points: the better bound
            double[] w = new double[n];
            for (int i = 0; i < n; i++) w[i] = fam.weight(eta[i]);
            Certificate c2 = computeWeighted(fam, y, eta, r, g, w, zcT(x, w, xbar, scale), b, la, mu);
            if (c2.value() < c.value()) c = c2;
        }
        return c;
    }

    /**
     * The squared loss's residual y − b0 − v (v = x_iᵀβ) with the shift c (ȳ with an intercept, else 0) taken out
     * first: (y − c) − ((b0 − c) + v). With an intercept b0 ≈ ȳ − x̄ᵀβ, so both brackets stay at the scale of the
     * residual and of Xβ; y − η rounded at |ȳ|'s scale instead, which on a response with a large mean and a small
     * spread (y = t − 0.03·…, t up to 999) put P's rounding near 1e-12 relative and certificates below −1e-12.
     */
    static double residual(double y, double c, double b0, double v) {
        return (y - c) - ((b0 - c) + v);
    }

    private static double[] zcT(HostMatrix x, double[] r, double[] xbar, double[] scale) {
        return centred(x.xtr(r), r, xbar, scale);
    }

    /**
     * glmnet's standardisation: s_j the column's standard deviation about its mean (divisor n; 1 for a constant column
     * or without standardising), from the sums of squares about the means. glmnet uses the mean even without an
     * intercept (the model is then uncentred, the scale is not): callers pass those sums either way.
     */
    static double[] scales(double[] ssAboutMeans, int n, boolean standardize) {
        double[] s = new double[ssAboutMeans.length];
        for (int j = 0; j < s.length; j++) {
            double sd = Math.sqrt(ssAboutMeans[j] / Math.max(n, 1));
            s[j] = standardize ? (sd > 0 ? sd : 1) : 1;
        }
        return s;
    }

    /** Column means from column sums. */
    static double[] means(double[] sums, int n) {
        double[] m = new double[sums.length];
        for (int j = 0; j < m.length; j++) m[j] = sums[j] / n;
        return m;
    }

    /**
     * Zcᵀr/n from g = Xᵀr, in place: (Xᵀr − x̄·Σr)/s/n, the centring folded in after the pass (x̄ = 0 without an
     * intercept). Every route's gradient over all p ends here, host or device pass alike.
     */
    static double[] centred(double[] g, double[] r, double[] xbar, double[] scale) {
        int n = r.length;
        double sr = 0;
        for (int i = 0; i < n; i++) sr += r[i];
        for (int j = 0; j < g.length; j++) g[j] = (g[j] - xbar[j] * sr) / scale[j] / n;
        return g;
    }

    /**
     * The duality gap with the curvature-weighted centring ζ = t·(r − r̄·w/w̄)/n (w = μ'(η), 1ᵀζ = 0 still holds):
     * for the logistic and Poisson losses it keeps q = y − nζ inside the conjugate's domain where the uniform
     * centring cannot (μ_i ≈ 0 or 1 with r̄ ≠ 0). gw = Zcᵀw/n, so Zcᵀζ = t·(g − r̄·gw/w̄). With an intercept only.
     */
    static Certificate computeWeighted(LossFamily fam, double[] y, double[] eta, double[] r, double[] g, double[] w,
                                       double[] gw, double[] b, double la, double mu) {
        return computeWeighted(fam, y, eta, r, g, w, gw, b, la, mu, Double.NaN);
    }

    /** As above, with the primal objective P at (η, b) already known (NaN: computed here). */
    static Certificate computeWeighted(LossFamily fam, double[] y, double[] eta, double[] r, double[] g, double[] w,
                                       double[] gw, double[] b, double la, double mu, double knownP) {
        return computeWeighted(fam, y, eta, r, w, minus(g, gw), b, la, mu, knownP);
    }

    /** a ↦ the summary of g − a·gw (the engine's device route forms the same with an axpy). */
    static java.util.function.DoubleFunction<GradientSummary> minus(double[] g, double[] gw) {
        return a -> {
            double[] gd = new double[g.length];
            for (int j = 0; j < g.length; j++) gd[j] = g[j] - a * gw[j];
            return GradientSummary.of(gd);
        };
    }

    /** A row's dual term at q = y − s: the family's {@link LossFamily#dualTermAt}, or IrlsGap's logs taken near μ. */
    interface DualTerms {
        double term(int i, double y, double s);
    }

    /**
     * As above with Zcᵀd/n = g − a·gw (a = r̄/w̄) given by its summary: {@code gd.apply(a)} (the engine's device
     * route forms it on the device and answers with scalars).
     */
    static Certificate computeWeighted(LossFamily fam, double[] y, double[] eta, double[] r, double[] w,
                                       java.util.function.DoubleFunction<GradientSummary> gd, double[] b, double la,
                                       double mu, double knownP) {
        double P = Double.isNaN(knownP) ? primal(fam, y, eta, b, la, mu) : knownP;
        return computeWeighted((i, yi, s) -> fam.dualTermAt(yi, s), fam.dualLower(), fam.dualUpper(), y, r, w, gd, la, mu, P);
    }

    /** As above with the rows' dual terms from {@code terms} on [lo, hi] (IrlsGap's logs near μ) and P given. */
    static Certificate computeWeighted(DualTerms terms, double lo, double hi, double[] y, double[] r, double[] w,
                                       java.util.function.DoubleFunction<GradientSummary> gd, double la, double mu,
                                       double P) {
        double[] d = new double[y.length];
        double a = weightedCentre(r, w, d);
        if (Double.isNaN(a)) return noWeights();
        return gap(terms, lo, hi, y, d, gd.apply(a), la, mu, P);
    }

    /**
     * The curvature-weighted dual direction d = r − r̄·w/w̄ into {@code d} (Σd = 0), returning the shift a = r̄/w̄
     * (Zcᵀd/n = g − a·gw), or NaN when the weights' mean is not positive (no such point). Shared by
     * {@link #computeWeighted} and IrlsGap.weighted, so both certify the same dual point.
     */
    static double weightedCentre(double[] r, double[] w, double[] d) {
        int n = r.length;
        double sr = 0, sw = 0;
        for (int i = 0; i < n; i++) {
            sr += r[i];
            sw += w[i];
        }
        double rbar = sr / n, wbar = sw / n;
        if (!(wbar > 0)) return Double.NaN;
        for (int i = 0; i < n; i++) d[i] = r[i] - rbar * w[i] / wbar;
        return rbar / wbar;
    }

    /** The answer when the weights have no positive mean: no certificate (an infinite gap, never assumed zero). */
    static Certificate noWeights() {
        return new Certificate("duality_gap", Double.NaN, Double.NaN, Double.POSITIVE_INFINITY);
    }

    private static double primal(LossFamily fam, double[] y, double[] eta, double[] b, double la, double mu) {
        double l1 = 0, l2 = 0;
        for (double v : b) {
            l1 += Math.abs(v);
            l2 += v * v;
        }
        return fam.meanLoss(y, eta) + la * l1 + mu / 2 * l2;
    }

    /** P − D for the dual point ζ = t·d/n (Σd = 0 or no intercept), gd = Zcᵀd/n, q = y − t·d inside [lo, hi]. */
    static Certificate gap(DualTerms terms, double lo, double hi, double[] y, double[] d, GradientSummary gd, double la,
                           double mu, double P) {
        int n = y.length;
        double t = scale(gd, la, mu, lo, hi, y, d);
        double D = 0;
        for (int i = 0; i < n; i++) { // the clip: only rounding, t keeps q = y − s inside
            D += terms.term(i, y[i], Math.min(Math.max(t * d[i], y[i] - hi), y[i] - lo));
        }
        return close(D / n, gd, t, la, mu, P);
    }

    /**
     * The dual point's scale t of {@link #gap}: la/‖gd‖∞ where the ridge is 0 and ‖gd‖∞ exceeds la (else 1), cut
     * so that every q = y − t·d stays in [lo, hi]. Shared by {@link #gap} and IrlsGap.gap (which calls its rows'
     * terms directly), so both take the same t.
     */
    static double scale(GradientSummary gd, double la, double mu, double lo, double hi, double[] y, double[] d) {
        double t = 1;
        if (mu == 0) {
            double m = gd.maxAbs();
            if (!(m <= la)) t = la / m; // a NaN gradient gives t = NaN, so a NaN certificate, never t = 1's
        }
        for (int i = 0; i < y.length; i++) {
            double yi = y[i];
            // on the step s = t·d, not on q = y − s: 1 − (−1e-19) rounds back to 1, and the clip that then moved such a
            // row's s to 0 broke 1ᵀζ = 0 by Σ s·η's worth (D above P by 6e-11 on separable data)
            if (d[i] > 0 && t * d[i] > yi - lo) t = Math.max(0, (yi - lo) / d[i]);
            if (d[i] < 0 && t * d[i] < yi - hi) t = Math.max(0, (yi - hi) / d[i]);
        }
        return t;
    }

    /**
     * The certificate of {@link #gap} from the rows' mean dual term {@code D}: the ridge's conjugate
     * Σ_j (|t·gd_j| − la)₊²/(2μ) taken off, the relative gap (P − D)/|P|, signed, never clamped.
     */
    static Certificate close(double D, GradientSummary gd, double t, double la, double mu, double P) {
        if (mu > 0) D -= gd.softSq(t, la) / (2 * mu);
        return new Certificate("duality_gap", P, D, (P - D) / Math.max(Math.abs(P), Double.MIN_NORMAL));
    }

    /**
     * The certificate from the pieces the engine already has: η, r = y − μ(η), g = Zcᵀr/n (all p), the internal
     * coefficients b, the L1 weight la = λα and the ridge weight mu = λ(1 − α), and ‖g at the null model‖∞
     * (used only at λ = 0).
     */
    static Certificate compute(LossFamily fam, double[] y, double[] eta, double[] r, double[] g, double[] b,
                               double la, double mu, boolean intercept, double gNull) {
        return compute(fam, y, eta, r, GradientSummary.of(g), b, la, mu, intercept, gNull);
    }

    /**
     * What the gap needs from g = Zcᵀr/n over all p columns: ‖g‖∞ (the dual scale, and λ = 0's ratio) and the
     * elastic net's Σ_j max(|t·g_j| − la, 0)². A host array, or the engine's device pass ({@link Checks}), which
     * answers each with one scalar instead of handing p numbers to the host.
     */
    interface GradientSummary {
        double maxAbs();

        double softSq(double t, double la);

        /** The summary of a host array, in index order (the host route's arithmetic). */
        static GradientSummary of(double[] g) {
            return new GradientSummary() {
                @Override
                public double maxAbs() {
                    double m = 0;
                    for (double v : g) m = Math.max(m, Math.abs(v));
                    return m;
                }

                @Override
                public double softSq(double t, double la) {
                    double q = 0;
                    for (double v : g) {
                        double e = Math.max(Math.abs(t * v) - la, 0);
                        q += e * e;
                    }
                    return q;
                }
            };
        }
    }

    private static double meanLossOfResiduals(LossFamily fam, double[] r) {
        double s = 0;
        for (double v : r) s += fam.loss(v, 0);
        return s / Math.max(r.length, 1);
    }

    /** As above, with g given by its {@link GradientSummary}. */
    static Certificate compute(LossFamily fam, double[] y, double[] eta, double[] r, GradientSummary g, double[] b,
                               double la, double mu, boolean intercept, double gNull) {
        int n = y.length;
        double l1 = 0, l2 = 0;
        for (double v : b) {
            // a zero adds +0 to both sums: skipped, the bits stay and the two chains of dependent adds (the cost of
            // this loop) shrink to the support (with p ≫ n, golub, they were a tenth of a CV)
            if (v == 0) continue;
            l1 += Math.abs(v);
            l2 += v * v;
        }
        // the squared loss from r itself (loss(r, 0) = loss(y, η) bit for bit when r = y − η): callers that keep
        // their residual without rounding at |y|'s scale (residual()) keep P's digits too
        double P = (fam.isQuadratic() ? meanLossOfResiduals(fam, r) : fam.meanLoss(y, eta)) + la * l1 + mu / 2 * l2;
        double sr = 0;
        for (double v : r) sr += v;
        double rbar = intercept ? sr / n : 0;
        if (la == 0 && mu == 0) {
            double m = Math.max(intercept ? Math.abs(rbar) : 0, g.maxAbs());
            return new Certificate("gradient_ratio", P, Double.NaN, m == 0 ? 0 : m / Math.max(gNull, Double.MIN_NORMAL));
        }
        double t = 1;
        if (mu == 0) {
            double m = g.maxAbs();
            if (!(m <= la)) t = la / m; // a NaN gradient gives t = NaN, so a NaN certificate, never t = 1's
        }
        double lo = fam.dualLower(), hi = fam.dualUpper();
        for (int i = 0; i < n; i++) { // keep q_i = y_i − t·(r_i − r̄) inside the conjugate's domain
            double d = r[i] - rbar;
            if (d > 0 && t * d > y[i] - lo) t = Math.max(0, (y[i] - lo) / d); // on s = t·d, not on q (gap's note)
            if (d < 0 && t * d < y[i] - hi) t = Math.max(0, (y[i] - hi) / d);
        }
        // with an intercept (1ᵀζ = 0) the squared loss's dual does not change when y is shifted: use y − ȳ, so
        // that a large mean response does not cancel digits of the gap
        double shift = 0;
        if (fam.isQuadratic() && intercept) {
            for (double v : y) shift += v;
            shift /= n;
        }
        double D = 0;
        for (int i = 0; i < n; i++) { // the term from the step s = t·(r_i − r̄), not from q (dualTermAt)
            double yi = y[i] - shift;
            D += fam.dualTermAt(yi, fam.clipStep(yi, t * (r[i] - rbar))); // the clip: only rounding
        }
        D /= n;
        if (mu > 0) D -= g.softSq(t, la) / (2 * mu); // Σ_j (|t·g_j| − la)₊² / (2μ)
        double gap = P - D;
        return new Certificate("duality_gap", P, D, gap / Math.max(Math.abs(P), Double.MIN_NORMAL));
    }
}
