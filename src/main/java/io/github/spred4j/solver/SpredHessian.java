package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Precision;

import java.util.Arrays;

/**
 * The loss Hessian of the spred solver's Newton polish on a support S, in (b_S, c), from the device: X times
 * unit vectors, then Xᵀ of the weighted result (O(n·p·|S|)). The squared loss's Hessian does not depend on β or
 * λ and is cached for the last support.
 */
final class SpredHessian {
    private final Context ctx;
    private final Precision prec;
    private final DeviceBuffer X;
    private final int n, p;
    private int[] sqS;    // the support of the cached squared-loss Hessian
    private double[] sqH; // and the Hessian

    SpredHessian(SpredEngine e) {
        ctx = e.ctx;
        prec = e.prec;
        X = e.X;
        n = e.n;
        p = e.p;
    }

    /**
     * The squared loss's Hessian Zcᵀ Zc / n on S (independent of β and λ): computed on the device for a new
     * support, and taken as a sub-matrix while the support only shrinks (coordinates leaving one at a time
     * would otherwise cost a device pass each).
     */
    double[] squared(Problem q, int[] S) {
        int k = S.length;
        if (sqS != null) {
            int[] pos = new int[k];
            int c = 0;
            boolean sub = true;
            for (int a = 0; a < k && sub; a++) {
                while (c < sqS.length && sqS[c] < S[a]) c++;
                if (c < sqS.length && sqS[c] == S[a]) pos[a] = c;
                else sub = false;
            }
            if (sub) {
                int m = sqS.length;
                double[] H = new double[k * k];
                for (int a = 0; a < k; a++)
                    for (int b2 = 0; b2 < k; b2++) H[a * k + b2] = sqH[pos[a] * m + pos[b2]];
                return H;
            }
        }
        double[] D = new double[n];
        Arrays.fill(D, 1);
        double[] H = of(q, S, D, k);
        sqS = S.clone();
        sqH = H.clone();
        return H;
    }

    /**
     * The Hessian of the loss in (b_S, c): H_ab = (1/n)·Σ_i D_i·Zc_ia·Zc_ib with Zc = Xc·diag(1/s) restricted
     * to S, computed on the device: Z = X·E (matVec, k = |S| unit vectors), then Xᵀ(D⊙Zc) (matTVec, k = |S|).
     */
    double[] of(Problem q, int[] S, double[] D, int dim) {
        int k = S.length;
        double[] H = new double[dim * dim];
        double[] E = new double[p * k];
        for (int a = 0; a < k; a++) E[a * p + S[a]] = 1 / q.scale[S[a]];
        double[] A = new double[n * k];
        double[] colSum = new double[k];
        try (DeviceBuffer e = ctx.upload(prec, E); DeviceBuffer z = ctx.alloc(prec, (long) n * k)) {
            ctx.matVec(z, X, n, p, e, k);
            double[] Z = z.toDoubleArray();
            for (int a = 0; a < k; a++) {
                double shift = q.xbar[S[a]] / q.scale[S[a]];
                for (int i = 0; i < n; i++) {
                    A[a * n + i] = D[i] * (Z[a * n + i] - shift);
                    colSum[a] += A[a * n + i];
                }
            }
        }
        double[] HT;
        try (DeviceBuffer aBuf = ctx.upload(prec, A); DeviceBuffer h = ctx.alloc(prec, (long) p * k)) {
            ctx.matTVec(h, X, n, p, aBuf, k);
            HT = h.toDoubleArray();
        }
        for (int a = 0; a < k; a++)
            for (int c2 = 0; c2 < k; c2++) {
                int j = S[a];
                H[a * dim + c2] = (HT[c2 * p + j] - q.xbar[j] * colSum[c2]) / q.scale[j] / n;
            }
        for (int a = 0; a < k; a++) // symmetrise the rounding
            for (int c2 = a + 1; c2 < k; c2++) {
                double s = (H[a * dim + c2] + H[c2 * dim + a]) / 2;
                H[a * dim + c2] = s;
                H[c2 * dim + a] = s;
            }
        if (dim > k) {
            double sd = 0;
            for (double v : D) sd += v;
            H[k * dim + k] = sd / n;
            for (int a = 0; a < k; a++) {
                H[a * dim + k] = colSum[a] / n;
                H[k * dim + a] = colSum[a] / n;
            }
        }
        return H;
    }
}
