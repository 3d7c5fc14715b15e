/*
 * bench_native.c — bandwidth of the native kernels against a STREAM-like triad ceiling (float32).
 * Not part of the library (build.sh compiles native/*.c only). Build and run after `mvn package`:
 *   L=target/classes/lib/linux/x86_64; gcc -O3 -fopenmp native/bench/bench_native.c -L$L -lspred4j \
 *       -Wl,-rpath,$PWD/$L -o /tmp/bench_native && /tmp/bench_native [n]
 * Reports GB/s = bytes moved per element (the kernel headers' traffic) × n / best time of several repeats.
 */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#include "../spred_kernels.h" /* the prototypes, in the kernel contract's order (kernels/ops.tsv) */

static void triad_f32(long n, float *restrict a, const float *restrict b, const float *restrict c)
{
#pragma omp parallel for simd schedule(static)
    for (long i = 0; i < n; i++) a[i] = b[i] + 0.5f * c[i];
}

static float *arr(long n, float v)
{
    float *a = aligned_alloc(64, ((size_t)n * 4 + 63) / 64 * 64);
#pragma omp parallel for
    for (long i = 0; i < n; i++) a[i] = v + (float)(i % 7) * 1e-3f;
    return a;
}

#define BEST(reps, stmt)                                                                                   \
    ({                                                                                                     \
        double best_ = 1e30;                                                                               \
        for (int r_ = 0; r_ < (reps); r_++) {                                                              \
            double t0_ = omp_get_wtime();                                                                  \
            stmt;                                                                                          \
            double t_ = omp_get_wtime() - t0_;                                                             \
            if (t_ < best_) best_ = t_;                                                                    \
        }                                                                                                  \
        best_;                                                                                             \
    })

static void report(const char *name, double bytes, double t, double ceiling)
{
    double gbs = bytes / t / 1e9;
    printf("%-28s %8.3f ms %8.2f GB/s", name, t * 1e3, gbs);
    if (ceiling > 0) printf("  (%3.0f%% of triad)", 100 * gbs / ceiling);
    printf("\n");
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 16L << 20;
    int reps = 10;
    printf("n = %ld float32, %d OpenMP threads\n", n, omp_get_max_threads());
    float *u = arr(n, 1), *w = arr(n, 0.5f), *v = arr(n, 0), *g = arr(n, 0.1f);
    float *mu = arr(n, 0), *mw = arr(n, 0), *vu = arr(n, 0), *vw = arr(n, 0);

    double t = BEST(reps, triad_f32(n, v, u, w));
    double triad = 12.0 * n / t / 1e9;
    report("triad (ceiling)", 12.0 * n, t, 0);
    report("hadamard", 12.0 * n, BEST(reps, hadamard_f32(n, v, u, w)), triad);
    report("sgd_update", 24.0 * n, BEST(reps, sgd_update_f32(n, u, w, v, g, 1e-3, 2e-3, 2e-3)), triad);
    report("momentum_update", 40.0 * n, BEST(reps, momentum_update_f32(n, u, w, v, mu, mw, g, 1e-3, 0.9, 0, 2e-3, 2e-3)), triad);
    report("adam_update", 56.0 * n, BEST(reps, adam_update_f32(n, u, w, v, mu, vu, mw, vw, g, 1e-3, 0.9, 0.999, 1e-8, 10, 1000, 2e-3, 2e-3, 0)), triad);
    double d;
    report("dot", 8.0 * n, BEST(reps, dot_f32(n, &d, u, w)), triad);

    long rows = 4096, cols = n / rows;
    float *x = u, *b = arr(cols, 0.01f), *out = arr(rows, 0), *grad = arr(cols, 0), *eta = arr(rows, 0), *r = arr(rows, 0);
    float *y = arr(rows, 1), off = 0;
    report("mat_vec (X once)", 4.0 * rows * cols, BEST(reps, mat_vec_f32(rows, cols, 1, out, x, b)), triad);
    report("mat_t_vec (X once)", 4.0 * rows * cols, BEST(reps, mat_t_vec_f32(rows, cols, 1, grad, x, r)), triad);
    report("loss_gradient (X once)", 4.0 * rows * cols, BEST(reps, loss_gradient_f32(rows, cols, 1, grad, eta, r, x, b, &off, y, 1)), triad);
    long wide = 64, pw = n / wide;
    float *bw = arr(pw, 0.01f), *gw = arr(pw, 0);
    /* Columns plan: eta by rows, then Xᵀr by column blocks: X is read twice. */
    report("loss_gradient 64 rows (cols)", 8.0 * wide * pw, BEST(reps, loss_gradient_f32(wide, pw, 1, gw, eta, r, x, bw, &off, y, 1)), triad);
    return 0;
}
