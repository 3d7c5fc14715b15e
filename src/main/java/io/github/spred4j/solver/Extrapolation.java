package io.github.spred4j.solver;

/**
 * Extrapolation of a coordinate-descent round that ran out of sweeps (squared loss). When the Gram on the working
 * set is (nearly) singular, coordinate descent drifts along the flat direction by a tiny, constant step per sweep
 * (e.g. columns with one nonzero each whose rows cover every row: with an intercept their centred sum is zero),
 * and a fit needs a number of sweeps that grows with p: quadratic time. The drift of the last round, b − bPrev,
 * is then followed with doubling steps t = 2, 4, …, 2⁴⁰ (each a pass of O(n + nnz), the best kept); a coordinate that would change sign stops at zero. The
 * point is kept only if it lowers the objective; the next check certifies it like any other.
 */
final class Extrapolation {
    private static final int MAX_DOUBLINGS = 40;

    private Extrapolation() {
    }

    /** Moves st along b − bPrev if that lowers the objective; returns whether it moved. */
    static boolean step(Inner st, Polish polish, double[] bPrev, double la, double mu) {
        int p = bPrev.length;
        double[] b0 = st.b.clone(), d = new double[p];
        boolean any = false;
        for (int j = 0; j < p; j++) {
            // only coordinates still nonzero move (one that just reached zero stays there)
            d[j] = b0[j] != 0 ? b0[j] - bPrev[j] : 0;
            any |= d[j] != 0;
        }
        if (!any) return false;
        double c0 = st.c;
        double best = polish.objective(st.eta(), b0, la, mu), f0 = best;
        double[] bt = new double[p], bBest = null;
        for (int k = 1; k <= MAX_DOUBLINGS; k++) {
            double t = Math.scalb(1.0, k);
            for (int j = 0; j < p; j++) {
                double v = b0[j] + t * d[j];
                bt[j] = v * b0[j] > 0 ? v : 0; // a sign change stops at zero
            }
            st.setState(c0, bt);
            double f = polish.objective(st.eta(), st.b, la, mu);
            // all steps are tried: once coordinates stop at zero the path is no longer a line (not convex)
            if (f < best) {
                best = f;
                bBest = bt.clone();
            }
        }
        st.setState(c0, bBest != null && best < f0 ? bBest : b0);
        return bBest != null;
    }
}
