package io.github.spred4j.solver;

/**
 * The warm start of the next λ of a path, extrapolated along the path (squared loss). On a fixed support with fixed
 * signs the lasso solution is affine in λ (b_S(λ) = H_S⁻¹(Zc_Sᵀ(y − ȳ)/n − λ·s_S)), so the line through the answers
 * at the last two λ predicts the next one exactly until the support changes; near the least-squares end of a path
 * (thousands of columns, where coordinate descent needs ~25 sweeps per λ from the previous answer) the prediction
 * starts the sweeps much closer. A coordinate whose extrapolation would cross zero stops at zero (it leaves at its
 * kink); a zero stays zero. The guess is kept only if it lowers the objective at the new λ (costing about half a
 * sweep: one axpy per support column), so it never makes the start worse; the certificate decides as always.
 */
final class PathGuess {
    private double laOld = Double.NaN, laCur = Double.NaN;
    private double[] bOld, bCur;
    /** Guesses tried and kept (for tests and profiles). */
    int tried, kept;

    /** Records the answer at la (engine coordinates), after each fit of the path. */
    void record(double la, double[] b) {
        laOld = laCur;
        double[] spare = bOld; // reused: a fresh p-vector per λ is fresh memory in a cold JVM
        bOld = bCur;
        laCur = la;
        bCur = Engine.copy(b, spare);
    }

    /**
     * Moves the state to the extrapolated point if the last two answers are known, the state is still the last
     * answer, and the guess lowers the objective at la. Squared loss in naive mode only. Returns whether it moved.
     */
    boolean apply(Inner st, double la, double mu) {
        if (!st.quadratic || st.covariance() || bOld == null || !(laOld > laCur && laCur > la)) return false;
        if (!java.util.Arrays.equals(st.b, bCur)) return false; // the state moved since (another λ order)
        double k = (laCur - la) / (laOld - laCur);
        int[] S = Polish.support(st.b);
        double[] guess = new double[S.length];
        boolean any = false;
        for (int a = 0; a < S.length; a++) {
            int j = S[a];
            double v = bCur[j] + k * (bCur[j] - bOld[j]);
            guess[a] = Math.signum(v) == Math.signum(bCur[j]) ? v : 0;
            any |= guess[a] != bCur[j];
        }
        if (!any) return false;
        tried++;
        if (!ExactStep.take(st, S, guess, la, mu)) return false;
        kept++;
        return true;
    }
}
