package io.github.spred4j.spark;

/**
 * One proximal Newton step of a GLM on a working set W, on the driver, from one pass's sums at the point (c0, β):
 * the quadratic model of the loss (the weighted Gram X_WᵀDX_W with X_WᵀD1 and ΣD, D = μ'(η); the gradient
 * Xᵀ(y − μ) and Σ(y − μ)), the intercept eliminated by its Schur complement, the L1 / elastic-net model solved in
 * the standardised coordinates b = s⊙β by coordinate descent on the Gram ({@link GramCd}, warm from β). Shared by
 * the distributed fit ({@link WorkingSetSolver}) and the lockstep cross-validation ({@link LockstepCv}).
 */
final class GlmStep {
    private GlmStep() {
    }

    /**
     * The step's answer in place of {@code beta} (original scale, only W's entries change) and the new intercept.
     *
     * @param Q    the raw weighted Gram on W (|W|×|W|, Σ_i D_i x_iW x_iWᵀ)
     * @param hx   Σ_i D_i x_iW
     * @param xtr  Xᵀ(y − μ) over all p (read on W)
     * @param sumR Σ(y − μ)
     * @param sumW ΣD
     * @param n    the number of rows (the objective's 1/n)
     * @param loss the loss sum at the point (scales CD's stop)
     * @return the new intercept (0 without one)
     */
    static double solve(int[] w, double[][] Q, double[] hx, double[] xtr, double sumR, double sumW, double n,
                        double loss, double[] sc, double[] beta, double c0, boolean intercept, double la, double mu) {
        int k = w.length;
        double gc = -sumR / n, hcc = sumW / n;
        boolean elim = intercept && hcc > 0;
        double[] hcb = new double[k], lin = new double[k], b = new double[k];
        double[][] M = new double[k][k];
        for (int a = 0; a < k; a++) hcb[a] = hx[a] / n;
        for (int a = 0; a < k; a++) {
            double sa = sc[w[a]];
            for (int m = 0; m < k; m++)
                M[a][m] = (Q[a][m] / n - (elim ? hcb[a] * hcb[m] / hcc : 0)) / (sa * sc[w[m]]);
            b[a] = beta[w[a]] * sa;
        }
        for (int a = 0; a < k; a++) {
            double qa = (-xtr[w[a]] / n - (elim ? hcb[a] * gc / hcc : 0)) / sc[w[a]];
            double mb = 0;
            for (int m = 0; m < k; m++) mb += M[a][m] * b[m];
            lin[a] = mb - qa; // the model is ½bᵀMb − linᵀb + const
        }
        GramCd.solve(M, lin, la, mu, b, 1e-28 * Math.max(1, Math.abs(loss / n)), 1_000_000);
        double hd = 0;
        for (int a = 0; a < k; a++) {
            double nb = b[a] == 0 ? 0 : b[a] / sc[w[a]];
            hd += hcb[a] * (nb - beta[w[a]]);
            beta[w[a]] = nb;
        }
        return intercept ? (hcc > 0 ? c0 - (gc + hd) / hcc : c0) : 0;
    }
}
