package io.github.spred4j.solver;

/**
 * The k-wide inner loops of {@link SparseCd} over one CSC column: the dots x_jᵀu_t of every set and the residual
 * update u_t −= x_j·c_t. A row of u holds {@link #width} lanes, the k sets padded to a multiple of four (lanes past
 * k are zero and stay zero: their coefficients are zero), and the sets go eight (dots) or four at a time with their
 * sums or coefficients in locals, which the JIT keeps in registers. The plain loop over t < k (a trip count it cannot
 * see) loads and stores dot[t] at every nonzero and runs scalar. Measured (docs/perf/2026-12-03-s10-sparsecv.txt,
 * k = 11, ~50 nonzeros a column): the 5000×2000 CV 0.77× main's CPU time with four lanes at a time; eight sums in
 * flight in the dots rather than four another ~0.93× (each add waits on its lane's previous one); eight-wide updates
 * gained nothing (they are no chain). Each lane sums its nonzeros in column order, as the plain loop does.
 */
final class SparseLanes {
    private SparseLanes() {
    }

    /** Lanes a row of u holds for k sets: 1 for one set (a path), else k rounded up to a multiple of four. */
    static int width(int k) {
        return k == 1 ? 1 : (k + 3) & ~3;
    }

    /** into[t] = Σ over q in [c0, c1) of xv[q]·u[ri[q]·w + t], for every t < w (w = {@link #width}). */
    static void dots(int[] ri, double[] xv, int c0, int c1, double[] u, int w, double[] into) {
        if (w == 1) {
            double s = 0;
            for (int q = c0; q < c1; q++) s += xv[q] * u[ri[q]];
            into[0] = s;
            return;
        }
        int t = 0;
        for (; t + 8 <= w; t += 8) { // eight sums in flight: each add waits on its lane's last one
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            for (int q = c0; q < c1; q++) {
                int b = ri[q] * w + t;
                double x = xv[q];
                s0 += x * u[b];
                s1 += x * u[b + 1];
                s2 += x * u[b + 2];
                s3 += x * u[b + 3];
                s4 += x * u[b + 4];
                s5 += x * u[b + 5];
                s6 += x * u[b + 6];
                s7 += x * u[b + 7];
            }
            into[t] = s0;
            into[t + 1] = s1;
            into[t + 2] = s2;
            into[t + 3] = s3;
            into[t + 4] = s4;
            into[t + 5] = s5;
            into[t + 6] = s6;
            into[t + 7] = s7;
        }
        if (t < w) {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int q = c0; q < c1; q++) {
                int b = ri[q] * w + t;
                double x = xv[q];
                s0 += x * u[b];
                s1 += x * u[b + 1];
                s2 += x * u[b + 2];
                s3 += x * u[b + 3];
            }
            into[t] = s0;
            into[t + 1] = s1;
            into[t + 2] = s2;
            into[t + 3] = s3;
        }
    }

    /**
     * u[ri[q]·w + t] −= xv[q]·c[t] for q in [c0, c1) and every t < w; a group of four lanes whose c are all zero is
     * left alone (frozen or unmoved sets: their residuals do not change).
     */
    static void subtract(int[] ri, double[] xv, int c0, int c1, double[] u, int w, double[] c) {
        if (w == 1) {
            double c0v = c[0];
            if (c0v == 0) return;
            for (int q = c0; q < c1; q++) u[ri[q]] -= xv[q] * c0v;
            return;
        }
        for (int t = 0; t < w; t += 4) {
            double e0 = c[t], e1 = c[t + 1], e2 = c[t + 2], e3 = c[t + 3];
            if (e0 == 0 && e1 == 0 && e2 == 0 && e3 == 0) continue;
            for (int q = c0; q < c1; q++) {
                int b = ri[q] * w + t;
                double x = xv[q];
                u[b] -= x * e0;
                u[b + 1] -= x * e1;
                u[b + 2] -= x * e2;
                u[b + 3] -= x * e3;
            }
        }
    }
}
