package io.github.spred4j.backend.java;

import io.github.spred4j.api.Context;

/**
 * The float64 reference of {@code cd_sweep} ({@link Context#cdSweep}): coordinate-descent sweeps over a column-major
 * working-set matrix, written as plainly as the contract reads (one accumulator per dot, row order). A float32
 * buffer stores every written element rounded, as the device would; the arithmetic is double throughout.
 */
final class JavaCdSweep {
    private JavaCdSweep() {
    }

    static void run(JavaBuffer b, JavaBuffer r, JavaBuffer eta, JavaBuffer state, double[] x, int n, int p, double[] w,
                    double[] xbar, double[] scale, double[] a, double[] sw, double la, double mu, double sumW,
                    double thr, int sweeps, int flags) {
        boolean weighted = (flags & Context.CD_WEIGHTED) != 0, intercept = (flags & Context.CD_INTERCEPT) != 0;
        boolean active = (flags & Context.CD_ACTIVE) != 0;
        double S = state.a[0], c = state.a[1], change = 0, viol = 0;
        double[] bv = b.a, rv = r.a, ev = eta.a;
        int done = 0;
        while (done < sweeps) {
            done++;
            change = 0;
            viol = 0;
            if (weighted && intercept && sumW > 0) {
                double dc = S / sumW;
                if (dc != 0) {
                    c += dc;
                    for (int i = 0; i < n; i++) r.set(i, rv[i] - dc * w[i]);
                    S -= dc * sumW;
                    change = sumW / n * dc * dc;
                }
            }
            for (int j = 0; j < p; j++) {
                double bj = bv[j], aj = a[j];
                if (active && bj == 0) continue;
                int o = j * n;
                double nb = 0;
                if (aj > 0) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) dot += x[o + i] * rv[i];
                    double sum = weighted ? S : intercept ? -(double) n * S : 0;
                    double g = (dot - xbar[j] * sum) / (scale[j] * n);
                    double v = bj != 0 ? Math.abs(g - Math.copySign(la, bj) - mu * bj) : Math.abs(g) - la;
                    viol = max(viol, v);
                    double u = aj * bj + g, m = Math.abs(u) - la;
                    nb = m > 0 ? Math.copySign(m, u) / (aj + mu) : Double.isNaN(m) ? m : 0;
                } else if (Double.isNaN(aj)) nb = aj; // a NaN curvature propagates
                double d = nb - bj;
                if (d == 0) continue;
                b.set(j, nb);
                double db = d / scale[j], xb = xbar[j];
                if (weighted) {
                    for (int i = 0; i < n; i++) {
                        eta.set(i, ev[i] + db * x[o + i]);
                        r.set(i, rv[i] - db * w[i] * (x[o + i] - xb));
                    }
                    S -= db * (sw[j] - xb * sumW);
                } else {
                    for (int i = 0; i < n; i++) r.set(i, rv[i] - db * x[o + i]);
                    S += xb * db;
                }
                change = max(change, aj * d * d);
            }
            if (change < thr) break;
        }
        state.set(0, S);
        state.set(1, c);
        state.set(2, change);
        state.set(3, viol);
        state.set(4, done);
    }

    /** max that keeps a NaN once seen. */
    private static double max(double a, double b) {
        return Double.isNaN(a) ? a : Double.isNaN(b) || b > a ? b : a;
    }
}
