/*
 * col_deviance — per-vector deviance sums of k stacked predictions: dev_l = Σ_i d(y_i, offset_l + eta_il) for
 * l < k, eta n×k stored one vector after another (vector l at l·n, as mat_vec / gemm_xb write X·B), d the unit
 * deviance spred_deviance (squared error, binomial or Poisson), accumulated in double: the held-out losses of a
 * cross-validation fold at every λ from one read of the predictions, k numbers back to the host.
 * Plan: one thread per vector (vectors in parallel when n·k is large), each summing its vector in row order, the
 * host's float64 order (results do not depend on the number of threads).
 * Traffic (float32): eta once (4 B per element); y (n) read once per vector, from cache for folds that fit in it.
 * Entry points: col_deviance_f32, col_deviance_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"

int SPRED_ENTRY(col_deviance)(long n, long k, REAL *restrict dev, const REAL *restrict eta, const REAL *restrict y,
                              const REAL *restrict offset, int family)
{
#pragma omp parallel for schedule(static) if (n * k >= SPRED_PAR_MIN && k > 1)
    for (long l = 0; l < k; l++) {
        const REAL *restrict e = eta + l * n;
        const REAL off = offset[l];
        double s = 0;
        for (long i = 0; i < n; i++) s += (double)spred_deviance(family, y[i], off + e[i]);
        dev[l] = (REAL)s;
    }
    return 0;
}
