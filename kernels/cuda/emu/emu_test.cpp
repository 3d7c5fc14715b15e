/*
 * emu_test.cpp — the CUDA kernels' logic checked on the CPU (emu.hpp) against plain double loops: grid-stride
 * loops and vector/scalar tails, block reductions, group kernels, the row-tile matrix passes. Run by run.sh.
 * Small grids (3 blocks of 64 threads) so that every loop strides and every tail is hit.
 */
#include "emu.hpp"
#include "spred4j.cu"

#include <cstdio>
#include <random>
#include <string>

static int failures = 0, checks = 0;
static const unsigned G = 3, B = 64;

static void expect(const std::string &what, const std::vector<double> &got, const std::vector<double> &want, double tol)
{
    checks++;
    int bad = 0;
    for (size_t i = 0; i < want.size(); i++) {
        double d = got[i], r = want[i];
        if (!(std::fabs(d - r) <= tol * (1 + std::fabs(r)))) {
            if (bad++ < 3) std::printf("  %s [%zu] got %.10g want %.10g\n", what.c_str(), i, d, r);
        }
    }
    if (bad) {
        failures++;
        std::printf("FAIL %s: %d of %zu differ\n", what.c_str(), bad, want.size());
    }
}

static void expect1(const std::string &what, double got, double want, double tol)
{
    expect(what, {got}, {want}, tol);
}

static std::mt19937_64 rng(7);
static std::vector<double> rnd(size_t n, double lo = -1, double hi = 1)
{
    std::uniform_real_distribution<double> d(lo, hi);
    std::vector<double> v(n);
    for (auto &x : v) x = d(rng);
    return v;
}

template <typename T>
static std::vector<T> as(const std::vector<double> &v)
{
    return std::vector<T>(v.begin(), v.end());
}
template <typename T>
static std::vector<double> dbl(const std::vector<T> &v)
{
    return std::vector<double>(v.begin(), v.end());
}

template <typename T> struct K;
#define ENTRIES(T, S)                                                                                                  \
    template <> struct K<T> {                                                                                          \
        static constexpr auto hadamard = hadamard_##S;                                                                 \
        static constexpr auto sgd = sgd_update_##S;                                                                    \
        static constexpr auto adam = adam_update_##S;                                                                  \
        static constexpr auto dot = dot_##S;                                                                           \
        static constexpr auto max_abs = max_abs_##S;                                                                   \
        static constexpr auto logistic = logistic_loss_##S;                                                            \
        static constexpr auto ggs = group_grad_split_##S;                                                              \
        static constexpr auto gsgd = group_sgd_update_##S;                                                             \
        static constexpr auto gadam = group_adam_update_##S;                                                           \
        static constexpr auto mat_vec = mat_vec_##S;                                                                   \
        static constexpr auto partial = mat_t_vec_1_##S;                                                                \
        static constexpr auto reduce = mat_t_vec_reduce_1_##S;                                                           \
        static constexpr auto loss_gradient = loss_gradient_1_##S;                                                       \
        static constexpr auto mtv_tiled = mat_t_vec_2_##S;                                                         \
        static constexpr auto lg_tiled = loss_gradient_2_##S;                                                      \
        static constexpr auto reduce_wide = mat_t_vec_reduce_2_##S;                                                 \
        static constexpr auto gemm_xtr = gemm_xtr_##S;                                                                \
        static constexpr auto gemm_xb = gemm_xb_##S;                                                                  \
        static constexpr auto gram_cols = gram_cols_##S;                                                              \
        static constexpr auto grad_split = grad_split_##S;                                                             \
        static constexpr auto momentum = momentum_update_##S;                                                          \
        static constexpr auto ghad = group_hadamard_##S;                                                               \
        static constexpr auto gmom = group_momentum_update_##S;                                                        \
        static constexpr auto sum = sum_##S;                                                                           \
        static constexpr auto sum_squares = sum_squares_##S;                                                           \
        static constexpr auto axpy = axpy_##S;                                                                         \
        static constexpr auto scale = scale_##S;                                                                       \
        static constexpr auto fill = fill_##S;                                                                         \
        static constexpr auto copy = copy_##S;                                                                         \
        static constexpr auto csr_residual = csr_residual_##S;                                                         \
        static constexpr auto csc_mat_t_vec = csc_mat_t_vec_##S;                                                       \
        static constexpr auto csc_col_stats = csc_col_stats_##S;                                                       \
        static constexpr auto csc_gather = csc_gather_##S;                                                             \
        static constexpr auto col_stats = col_stats_##S;                                                               \
        static constexpr auto centre_scale = centre_scale_##S;                                                         \
        static constexpr auto soft_sq = soft_sq_##S;                                                                   \
        static constexpr auto select_above = select_above_##S;                                                         \
        static constexpr auto col_deviance = col_deviance_##S;                                                         \
        static constexpr auto cd_sweep = cd_sweep_##S;                                                                 \
    };
ENTRIES(float, f32)
ENTRIES(double, f64)

static double sumv(const std::vector<double> &p)
{
    double s = 0;
    for (double x : p) s += x;
    return s;
}

template <typename T>
static void run(const char *prec, double tol)
{
    for (long long n : {1LL, 7LL, 1025LL, 4099LL}) {
        std::string at = std::string(prec) + " n=" + std::to_string(n) + " ";
        auto u0 = rnd(n), w0 = rnd(n), g0 = rnd(n);
        std::vector<T> u = as<T>(u0), w = as<T>(w0), g = as<T>(g0), v(n, NAN);
        u0 = dbl(u), w0 = dbl(w), g0 = dbl(g);
        emu_launch(G, B, [&] { K<T>::hadamard(n, v.data(), u.data(), w.data()); });
        std::vector<double> want(n);
        for (long long i = 0; i < n; i++) want[i] = u0[i] * w0[i];
        expect(at + "hadamard", dbl(v), want, tol);

        emu_launch(G, B, [&] { K<T>::sgd(n, u.data(), w.data(), v.data(), g.data(), (T)0.1, (T)0.02, (T)0.04); });
        std::vector<double> wu(n), ww(n), wv(n);
        for (long long i = 0; i < n; i++) {
            wu[i] = u0[i] - 0.1 * (g0[i] * w0[i] + 0.02 * u0[i]);
            ww[i] = w0[i] - 0.1 * (g0[i] * u0[i] + 0.04 * w0[i]);
            wv[i] = wu[i] * ww[i];
        }
        expect(at + "sgd u", dbl(u), wu, tol);
        expect(at + "sgd w", dbl(w), ww, tol);
        expect(at + "sgd v", dbl(v), wv, tol);

        // Adam from zero moments, step 1, decay inside the gradient.
        u0 = dbl(u), w0 = dbl(w);
        std::vector<T> mu(n, 0), vu(n, 0), mw(n, 0), vw(n, 0);
        double b1 = 0.9, b2 = 0.999, eps = 1e-8, lr = 0.01, bc1 = 1 / (1 - b1), bc2 = 1 / (1 - b2);
        emu_launch(G, B, [&] {
            K<T>::adam(n, u.data(), w.data(), v.data(), mu.data(), vu.data(), mw.data(), vw.data(), g.data(), (T)lr, (T)b1,
                       (T)b2, (T)eps, (T)bc1, (T)bc2, (T)0.02, (T)0.04, 0);
        });
        for (long long i = 0; i < n; i++) {
            double gu = g0[i] * w0[i] + 0.02 * u0[i], gw = g0[i] * u0[i] + 0.04 * w0[i];
            double m1 = (1 - b1) * gu, s1 = (1 - b2) * gu * gu, m2 = (1 - b1) * gw, s2 = (1 - b2) * gw * gw;
            wu[i] = u0[i] - lr * (m1 * bc1) / (std::sqrt(s1 * bc2) + eps);
            ww[i] = w0[i] - lr * (m2 * bc1) / (std::sqrt(s2 * bc2) + eps);
            wv[i] = wu[i] * ww[i];
        }
        expect(at + "adam u", dbl(u), wu, tol * 10);
        expect(at + "adam w", dbl(w), ww, tol * 10);
        expect(at + "adam v", dbl(v), wv, tol * 10);

        // Reductions: G partials, summed here.
        u0 = dbl(u), w0 = dbl(w);
        std::vector<double> part(G, NAN);
        emu_launch(G, B, [&] { K<T>::dot(n, part.data(), u.data(), w.data()); });
        double d = 0, ma = 0;
        for (long long i = 0; i < n; i++) d += u0[i] * w0[i], ma = std::max(ma, std::fabs(u0[i]));
        expect1(at + "dot", sumv(part), d, tol * 10);
        emu_launch(G, B, [&] { K<T>::max_abs(n, part.data(), u.data()); });
        expect1(at + "max_abs", *std::max_element(part.begin(), part.end()), ma, 0);
        u[n / 2] = NAN;
        emu_launch(G, B, [&] { K<T>::max_abs(n, part.data(), u.data()); });
        checks++;
        bool nan = false;
        for (double x : part) nan |= std::isnan(x);
        if (!nan) failures++, std::printf("FAIL %smax_abs lost a NaN\n", at.c_str());
        u[n / 2] = (T)u0[n / 2];
        emu_launch(G, B, [&] { K<T>::logistic(n, part.data(), u.data(), w.data()); });
        double ll = 0;
        for (long long i = 0; i < n; i++) ll += (std::max(u0[i], 0.0) - w0[i] * u0[i]) + std::log1p(std::exp(-std::fabs(u0[i])));
        expect1(at + "logistic_loss", sumv(part), ll, tol * 10);
        // well-classified rows only (|eta| in [20, 40] on y's side): every loss is below e^-20, so the sum is judged
        // relative to itself ((eta + log1p(e^-eta)) - y*eta kept none of these digits)
        std::vector<T> ue(n), ye(n);
        for (long long i = 0; i < n; i++) ye[i] = (T)(i % 2), ue[i] = (T)((i % 2 ? 1 : -1) * (20 + 20 * std::fabs(u0[i])));
        emu_launch(G, B, [&] { K<T>::logistic(n, part.data(), ue.data(), ye.data()); });
        double lw = 0;
        for (long long i = 0; i < n; i++) {
            double e = (double)ue[i], yi = (double)ye[i];
            lw += (std::max(e, 0.0) - yi * e) + std::log1p(std::exp(-std::fabs(e)));
        }
        expect1(at + "logistic_loss well-classified (relative)", sumv(part) / lw, 1.0, tol * 10);

        // Groups: an empty group, then sizes 0..150 (some larger than the block).
        std::vector<int> off{0, 0};
        while (off.back() < n) off.push_back((int)std::min<long long>(n, off.back() + (long long)(rng() % 151)));
        int m = (int)off.size() - 1;
        auto cw = rnd(m, 0.5, 2), ug0 = rnd(m);
        std::vector<T> ug = as<T>(ug0), du(m, NAN), dw(n, NAN);
        ug0 = dbl(ug);
        emu_launch(G, B, [&] { K<T>::ggs(m, du.data(), dw.data(), g.data(), ug.data(), w.data(), off.data(), cw.data(), 0.02, 0.04); });
        std::vector<double> wdu(m), wdw(n);
        for (int k = 0; k < m; k++) {
            double s = 0;
            for (int i = off[k]; i < off[k + 1]; i++) s += g0[i] * w0[i], wdw[i] = ug0[k] * g0[i] + 0.04 * cw[k] * w0[i];
            wdu[k] = s + 0.02 * cw[k] * ug0[k];
        }
        expect(at + "group_grad_split du", dbl(du), wdu, tol * 10);
        expect(at + "group_grad_split dw", dbl(dw), wdw, tol);
        emu_launch(G, B, [&] { K<T>::gsgd(m, ug.data(), w.data(), v.data(), g.data(), off.data(), cw.data(), (T)0.1, 0.02, 0.04); });
        std::vector<double> wug(m);
        for (int k = 0; k < m; k++) {
            wug[k] = ug0[k] - 0.1 * wdu[k];
            for (int i = off[k]; i < off[k + 1]; i++) ww[i] = w0[i] - 0.1 * wdw[i], wv[i] = wug[k] * ww[i];
        }
        expect(at + "group_sgd u", dbl(ug), wug, tol * 10);
        expect(at + "group_sgd w", dbl(w), ww, tol);
        expect(at + "group_sgd v", dbl(v), wv, tol * 10);
        // Group Adam, decoupled decay, step 1 from zero moments.
        ug0 = dbl(ug), w0 = dbl(w);
        std::vector<T> gmu(m, 0), gvu(m, 0);
        std::fill(mw.begin(), mw.end(), (T)0);
        std::fill(vw.begin(), vw.end(), (T)0);
        emu_launch(G, B, [&] {
            K<T>::gadam(m, ug.data(), w.data(), v.data(), gmu.data(), gvu.data(), mw.data(), vw.data(), g.data(), off.data(),
                        cw.data(), (T)lr, (T)b1, (T)b2, (T)eps, (T)bc1, (T)bc2, 0.02, 0.04, 1);
        });
        for (int k = 0; k < m; k++) {
            double s = 0;
            for (int i = off[k]; i < off[k + 1]; i++) s += g0[i] * w0[i];
            auto step = [&](double th, double lg, double dec) {
                double m1 = (1 - b1) * lg, s1 = (1 - b2) * lg * lg;
                return th - lr * ((m1 * bc1) / (std::sqrt(s1 * bc2) + eps) + dec * th);
            };
            wug[k] = step(ug0[k], s, 0.02 * cw[k]);
            for (int i = off[k]; i < off[k + 1]; i++) ww[i] = step(w0[i], ug0[k] * g0[i], 0.04 * cw[k]), wv[i] = wug[k] * ww[i];
        }
        expect(at + "group_adam u", dbl(ug), wug, tol * 100);
        expect(at + "group_adam w", dbl(w), ww, tol * 10);
        expect(at + "group_adam v", dbl(v), wv, tol * 100);
    }

    // Matrix passes, k stacked problems.
    for (auto shape : std::vector<std::array<int, 3>>{{1, 1, 1}, {7, 5, 2}, {130, 70, 3}, {65, 1, 1}, {3, 0, 2}, {200, 33, 1}, {100, 64, 2}, {37, 128, 1}, {45, 6, 33}}) {
        int n = shape[0], p = shape[1], k = shape[2];
        std::string at = std::string(prec) + " n=" + std::to_string(n) + " p=" + std::to_string(p) + " k=" + std::to_string(k) + " ";
        auto x0 = rnd((size_t)n * p), b0 = rnd((size_t)p * k), r0 = rnd((size_t)n * k), o0 = rnd(k), y0 = rnd((size_t)n * k, 0, 1);
        std::vector<T> x = as<T>(x0), b = as<T>(b0), r = as<T>(r0), o = as<T>(o0), y = as<T>(y0);
        x0 = dbl(x), b0 = dbl(b), r0 = dbl(r), o0 = dbl(o), y0 = dbl(y);
        std::vector<T> out((size_t)n * k, NAN);
        emu_launch(G, B, [&] { K<T>::mat_vec(n, p, k, out.data(), x.data(), b.data()); });
        std::vector<double> want((size_t)n * k);
        for (int j = 0; j < k; j++)
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int c = 0; c < p; c++) s += x0[(size_t)i * p + c] * b0[(size_t)j * p + c];
                want[(size_t)j * n + i] = s;
            }
        expect(at + "mat_vec", dbl(out), want, tol * 10);

        int tiles = (n + SPRED_TILE_ROWS - 1) / SPRED_TILE_ROWS, blocks = std::max(1, std::min(tiles, 2));
        std::vector<double> partial((size_t)blocks * k * p + 1, NAN);
        std::vector<T> grad((size_t)p * k, NAN);
        if (p > 0) {
            emu_launch(blocks, B, [&] { K<T>::partial(n, p, k, partial.data(), x.data(), r.data()); });
            emu_launch(G, B, [&] { K<T>::reduce(p, k, blocks, grad.data(), partial.data()); });
            std::vector<double> wg((size_t)p * k);
            for (int j = 0; j < k; j++)
                for (int c = 0; c < p; c++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) s += x0[(size_t)i * p + c] * r0[(size_t)j * n + i];
                    wg[(size_t)j * p + c] = s;
                }
            expect(at + "mat_t_vec", dbl(grad), wg, tol * 10);
            for (int R : {1, 5, 16}) {
                int tb = std::max(1, std::min((n + R - 1) / R, 4));
                std::vector<double> tpart((size_t)tb * k * p + 1, NAN);
                std::fill(grad.begin(), grad.end(), (T)NAN);
                emu_launch(tb, B, [&] { K<T>::mtv_tiled(n, p, k, tpart.data(), x.data(), r.data(), R); });
                emu_launch(G, B, [&] { K<T>::reduce_wide(p, k, tb, grad.data(), tpart.data()); });
                expect(at + "mat_t_vec_2 R=" + std::to_string(R), dbl(grad), wg, tol * 10);
            }
        }
        for (int loss : {0, 1}) {
            std::vector<T> eta((size_t)n * k, NAN), res((size_t)n * k, NAN);
            std::fill(grad.begin(), grad.end(), (T)NAN);
            emu_launch(blocks, B, [&] {
                K<T>::loss_gradient(n, p, k, partial.data(), eta.data(), res.data(), x.data(), b.data(), o.data(), y.data(), loss);
            });
            if (p > 0) emu_launch(G, B, [&] { K<T>::reduce(p, k, blocks, grad.data(), partial.data()); });
            std::vector<double> we((size_t)n * k), wr((size_t)n * k), wg((size_t)p * k, 0);
            for (int j = 0; j < k; j++)
                for (int i = 0; i < n; i++) {
                    double e = o0[j] + want[(size_t)j * n + i];
                    we[(size_t)j * n + i] = e;
                    wr[(size_t)j * n + i] = y0[(size_t)j * n + i] - (loss ? 1 / (1 + std::exp(-e)) : e);
                }
            for (int j = 0; j < k; j++)
                for (int c = 0; c < p; c++)
                    for (int i = 0; i < n; i++) wg[(size_t)j * p + c] += x0[(size_t)i * p + c] * wr[(size_t)j * n + i];
            std::string l = loss ? "logistic " : "squared ";
            expect(at + l + "loss_gradient eta", dbl(eta), we, tol * 10);
            expect(at + l + "loss_gradient r", dbl(res), wr, tol * 10);
            if (p > 0) expect(at + l + "loss_gradient grad", dbl(grad), wg, tol * 100);
            for (int R : {1, 5, 16}) {
                int tb = std::max(1, std::min((n + R - 1) / R, 4));
                std::vector<double> tpart((size_t)tb * k * p + 1, NAN);
                std::fill(eta.begin(), eta.end(), (T)NAN);
                std::fill(res.begin(), res.end(), (T)NAN);
                std::fill(grad.begin(), grad.end(), (T)NAN);
                emu_launch(tb, B, [&] {
                    K<T>::lg_tiled(n, p, k, tpart.data(), eta.data(), res.data(), x.data(), b.data(), o.data(), y.data(), loss, R);
                });
                if (p > 0) emu_launch(G, B, [&] { K<T>::reduce_wide(p, k, tb, grad.data(), tpart.data()); });
                std::string tl = l + "loss_gradient_2 R=" + std::to_string(R) + " ";
                expect(at + tl + "eta", dbl(eta), we, tol * 10);
                expect(at + tl + "r", dbl(res), wr, tol * 10);
                if (p > 0) expect(at + tl + "grad", dbl(grad), wg, tol * 100);
            }
        }
    }
}

/* The GEMM-shaped passes (gemm_tile.cuh): 256 threads, a grid of 2 blocks striding over the 64×64 tiles; shapes
 * with empty dimensions, single elements, one past a tile (65) and a step (17), three tiles of vectors (k = 130),
 * and a reduction that ends on a full step (p = 64). Kept small: every CUDA thread is a std::thread here, and
 * CudaEmulationTest allows the whole emulation 300 s. k = 1000 is covered by ConformanceTest on the other backends. */
template <typename T>
static void run_gemm(const char *prec, double tol)
{
    for (auto shape : std::vector<std::array<int, 3>>{{0, 5, 3}, {4, 0, 3}, {1, 1, 1}, {7, 5, 3}, {70, 65, 66}, {17, 129, 7}, {5, 3, 130}, {65, 64, 2}}) {
        int n = shape[0], p = shape[1], k = shape[2];
        std::string at = std::string(prec) + " n=" + std::to_string(n) + " p=" + std::to_string(p) + " k=" + std::to_string(k) + " ";
        auto x0 = rnd((size_t)n * p), b0 = rnd((size_t)p * k), r0 = rnd((size_t)n * k), m0 = rnd(p, -0.5, 0.5);
        std::vector<T> x = as<T>(x0), b = as<T>(b0), r = as<T>(r0), m = as<T>(m0);
        x0 = dbl(x), b0 = dbl(b), r0 = dbl(r), m0 = dbl(m);
        std::vector<T> o1((size_t)p * k, NAN), o2((size_t)n * k, NAN), o3;
        std::vector<double> w1((size_t)p * k), w2((size_t)n * k), w3, s1((size_t)p * k), s2((size_t)n * k), s3;
        for (int j = 0; j < k; j++)
            for (int c = 0; c < p; c++)
                for (int i = 0; i < n; i++) {
                    double v = x0[(size_t)i * p + c] * r0[(size_t)j * n + i], u = x0[(size_t)i * p + c] * b0[(size_t)j * p + c];
                    w1[(size_t)j * p + c] += v, s1[(size_t)j * p + c] += std::fabs(v);
                    w2[(size_t)j * n + i] += u, s2[(size_t)j * n + i] += std::fabs(u);
                }
        std::vector<int> cols;
        for (int j = 0; j < std::min(k, 70); j++) cols.push_back(p ? (j * 7 + 3) % p : 0);
        if (p > 0 && !cols.empty()) cols[0] = p - 1;
        int kc = p ? (int)cols.size() : 0;
        o3.assign((size_t)p * kc, NAN), w3.assign((size_t)p * kc, 0), s3.assign((size_t)p * kc, 0);
        for (int j = 0; j < kc; j++)
            for (int c = 0; c < p; c++)
                for (int i = 0; i < n; i++) {
                    double v = (x0[(size_t)i * p + c] - m0[c]) * (x0[(size_t)i * p + cols[j]] - m0[cols[j]]);
                    w3[(size_t)j * p + c] += v, s3[(size_t)j * p + c] += std::fabs(v);
                }
        emu_launch(2, 256, [&] { K<T>::gemm_xtr(n, p, k, o1.data(), x.data(), r.data()); });
        emu_launch(2, 256, [&] { K<T>::gemm_xb(n, p, k, o2.data(), x.data(), b.data()); });
        emu_launch(2, 256, [&] { K<T>::gram_cols(n, p, kc, o3.data(), x.data(), m.data(), cols.data()); });
        /* error relative to Σ|terms| (double accumulation: the output's own rounding in float32) */
        auto within = [&](const std::string &what, const std::vector<T> &got, const std::vector<double> &want, const std::vector<double> &scale) {
            checks++;
            int bad = 0;
            for (size_t i = 0; i < want.size(); i++)
                if (!(std::fabs((double)got[i] - want[i]) <= tol * scale[i] + 1e-300)) {
                    if (bad++ < 3) std::printf("  %s [%zu] got %.10g want %.10g\n", what.c_str(), i, (double)got[i], want[i]);
                }
            if (bad) failures++, std::printf("FAIL %s: %d of %zu differ\n", what.c_str(), bad, want.size());
        };
        within(at + "gemm_xtr", o1, w1, s1);
        within(at + "gemm_xb", o2, w2, s2);
        within(at + "gram_cols", o3, w3, s3);
    }
}

/* Sparse X: skewed row lengths (0, 1, up to 300), empty rows and columns; one warp per row or column, 6 warps
 * striding over the majors. CSR is built row by row, the CSC by a counting sort (as the Java side does). */
template <typename T>
static void run_sparse(const char *prec, double tol)
{
    for (int n : {0, 1, 13, 70}) {
        int p = n == 1 ? 1 : 41;
        std::vector<long long> rp(n + 1, 0);
        std::vector<int> ci;
        std::vector<double> v0;
        std::uniform_int_distribution<int> len(0, 40);
        for (int i = 0; i < n; i++) {
            int want = i == 5 ? p : (i % 4 == 1 ? 0 : len(rng)); /* a full row, empty rows, random lengths */
            for (int j = 0; j < p; j++)
                if (j != 7 && (int)(rng() % (unsigned)p) < want) { /* column 7 stays empty */
                    ci.push_back(j);
                    v0.push_back(rnd(1)[0]);
                }
            rp[i + 1] = (long long)ci.size();
        }
        long long nnz = (long long)ci.size();
        std::vector<T> val = as<T>(v0);
        v0 = dbl(val);
        std::vector<long long> cp(p + 1, 0);
        std::vector<int> ri(nnz);
        std::vector<T> cval(nnz);
        for (long long k = 0; k < nnz; k++) cp[ci[k] + 1]++;
        for (int j = 0; j < p; j++) cp[j + 1] += cp[j];
        std::vector<long long> next(cp.begin(), cp.end() - 1);
        for (int i = 0; i < n; i++)
            for (long long k = rp[i]; k < rp[i + 1]; k++) {
                long long d = next[ci[k]]++;
                ri[d] = i;
                cval[d] = val[k];
            }
        std::string at = std::string(prec) + " sparse n=" + std::to_string(n) + " p=" + std::to_string(p) + " ";
        auto b0 = rnd(p), y0 = rnd(n), r0 = rnd(n);
        std::vector<T> b = as<T>(b0), y = as<T>(y0), rr = as<T>(r0);
        b0 = dbl(b), y0 = dbl(y), r0 = dbl(rr);
        for (int loss : {0, 1}) {
            std::vector<T> eta(n, NAN), res(n, NAN);
            emu_launch(G, B, [&] {
                K<T>::csr_residual(n, p, eta.data(), res.data(), val.data(), b.data(), y.data(), rp.data(), ci.data(), (T)0.25, loss);
            });
            std::vector<double> we(n), wr(n);
            for (int i = 0; i < n; i++) {
                double e = 0.25;
                for (long long k = rp[i]; k < rp[i + 1]; k++) e += v0[k] * b0[ci[k]];
                we[i] = e;
                wr[i] = y0[i] - (loss ? 1 / (1 + std::exp(-e)) : e);
            }
            expect(at + (loss ? "logistic" : "squared") + " csr_residual eta", dbl(eta), we, tol * 10);
            expect(at + (loss ? "logistic" : "squared") + " csr_residual r", dbl(res), wr, tol * 10);
        }
        std::vector<T> out(p, NAN), sum(p, NAN), sq(p, NAN);
        emu_launch(G, B, [&] { K<T>::csc_mat_t_vec(n, p, out.data(), cval.data(), rr.data(), cp.data(), ri.data()); });
        std::vector<T> cen = as<T>(rnd(p));
        auto c0 = dbl(cen);
        emu_launch(G, B, [&] { K<T>::csc_col_stats(n, p, sum.data(), sq.data(), cval.data(), cen.data(), cp.data(), ri.data()); });
        std::vector<double> wo(p, 0), ws(p, 0), wq(p, 0), dense((size_t)n * p, 0);
        for (int i = 0; i < n; i++)
            for (long long k = rp[i]; k < rp[i + 1]; k++) {
                wo[ci[k]] += v0[k] * r0[i];
                dense[(size_t)i * p + ci[k]] = v0[k];
            }
        for (int i = 0; i < n; i++) /* every row, the zeros included: Σ (x − c) and Σ (x − c)² */
            for (int j = 0; j < p; j++) {
                double d = dense[(size_t)i * p + j] - c0[j];
                ws[j] += d;
                wq[j] += d * d;
            }
        expect(at + "csc_mat_t_vec", dbl(out), wo, tol * 10);
        expect(at + "csc_col_stats sum", dbl(sum), ws, tol * 10);
        expect(at + "csc_col_stats sumsq", dbl(sq), wq, tol * 10);
        /* col_stats on the same matrix densified: the same sums, read row-major */
        std::vector<T> xd = as<T>(dense), dsum(p, NAN), dsq(p, NAN);
        emu_launch(G, B, [&] { K<T>::col_stats(n, p, dsum.data(), dsq.data(), xd.data(), cen.data()); });
        expect(at + "col_stats sum", dbl(dsum), ws, tol * 10);
        expect(at + "col_stats sumsq", dbl(dsq), wq, tol * 10);
        std::vector<int> cols = {p - 1, 7, 0, p / 2, 7}; /* the last column, an empty one (twice), the first */
        if (p == 1) cols = {0, 0};
        int m = (int)cols.size();
        std::vector<T> g((size_t)n * m, NAN);
        emu_launch(G, B, [&] { K<T>::csc_gather(n, p, g.data(), cval.data(), cols.data(), cp.data(), ri.data(), m); });
        std::vector<double> wg((size_t)n * m, 0);
        for (int a = 0; a < m; a++)
            for (int i = 0; i < n; i++)
                for (long long k = rp[i]; k < rp[i + 1]; k++)
                    if (ci[k] == cols[a]) wg[(size_t)a * n + i] = v0[k];
        expect(at + "csc_gather", dbl(g), wg, 0);
    }
}

/* The kernels not covered by run(): grad split, momentum (plain and Nesterov), group Hadamard and momentum, the
 * sums and the vector work, at sizes that hit the vector body and the scalar tail. */
template <typename T>
static void run_more(const char *prec, double tol)
{
    for (long long n : {1LL, 7LL, 1025LL, 4099LL}) {
        std::string at = std::string(prec) + " n=" + std::to_string(n) + " ";
        auto u0 = rnd(n), w0 = rnd(n), g0 = rnd(n);
        std::vector<T> u = as<T>(u0), w = as<T>(w0), g = as<T>(g0), du(n, NAN), dw(n, NAN);
        u0 = dbl(u), w0 = dbl(w), g0 = dbl(g);
        emu_launch(G, B, [&] { K<T>::grad_split(n, du.data(), dw.data(), g.data(), u.data(), w.data(), (T)0.02, (T)0.04); });
        std::vector<double> a(n), b(n), c(n);
        for (long long i = 0; i < n; i++) a[i] = g0[i] * w0[i] + 0.02 * u0[i], b[i] = g0[i] * u0[i] + 0.04 * w0[i];
        expect(at + "grad_split du", dbl(du), a, tol);
        expect(at + "grad_split dw", dbl(dw), b, tol);

        for (int nesterov : {0, 1}) {
            std::vector<T> uu = u, ww = w, v(n, NAN), mu = as<T>(rnd(n)), mw = as<T>(rnd(n));
            auto mu0 = dbl(mu), mw0 = dbl(mw);
            emu_launch(G, B, [&] {
                K<T>::momentum(n, uu.data(), ww.data(), v.data(), mu.data(), mw.data(), g.data(), (T)0.1, (T)0.9, nesterov,
                               (T)0.02, (T)0.04);
            });
            std::vector<double> wu(n), wwv(n), wv(n), wmu(n), wmw(n);
            for (long long i = 0; i < n; i++) {
                double gu = g0[i] * w0[i] + 0.02 * u0[i], gw = g0[i] * u0[i] + 0.04 * w0[i];
                wmu[i] = 0.9 * mu0[i] + gu, wmw[i] = 0.9 * mw0[i] + gw;
                wu[i] = u0[i] - 0.1 * (nesterov ? gu + 0.9 * wmu[i] : wmu[i]);
                wwv[i] = w0[i] - 0.1 * (nesterov ? gw + 0.9 * wmw[i] : wmw[i]);
                wv[i] = wu[i] * wwv[i];
            }
            std::string t = at + (nesterov ? "nesterov " : "momentum ");
            expect(t + "u", dbl(uu), wu, tol * 10);
            expect(t + "w", dbl(ww), wwv, tol * 10);
            expect(t + "m_u", dbl(mu), wmu, tol * 10);
            expect(t + "m_w", dbl(mw), wmw, tol * 10);
            expect(t + "v", dbl(v), wv, tol * 10);
        }

        std::vector<double> part(G, NAN);
        double s = 0, ss = 0;
        for (long long i = 0; i < n; i++) s += u0[i], ss += u0[i] * u0[i];
        emu_launch(G, B, [&] { K<T>::sum(n, part.data(), u.data()); });
        expect1(at + "sum", sumv(part), s, tol * 10);
        emu_launch(G, B, [&] { K<T>::sum_squares(n, part.data(), u.data()); });
        expect1(at + "sum_squares", sumv(part), ss, tol * 10);

        std::vector<T> y = w;
        emu_launch(G, B, [&] { K<T>::axpy(n, y.data(), u.data(), (T)0.5); });
        for (long long i = 0; i < n; i++) a[i] = w0[i] + 0.5 * u0[i];
        expect(at + "axpy", dbl(y), a, tol);
        emu_launch(G, B, [&] { K<T>::scale(n, y.data(), (T)-2); });
        for (long long i = 0; i < n; i++) a[i] *= -2;
        expect(at + "scale", dbl(y), a, tol);
        emu_launch(G, B, [&] { K<T>::fill(n, y.data(), (T)0.25); });
        expect(at + "fill", dbl(y), std::vector<double>(n, 0.25), 0);
        emu_launch(G, B, [&] { K<T>::copy(n, y.data(), g.data()); });
        expect(at + "copy", dbl(y), g0, 0);

        // device-resident control: centre_scale, soft_sq (G partials), select_above (one block: its count in part[0])
        {
            auto c0 = rnd(n), s0 = rnd(n, 0.5, 2);
            std::vector<T> gc = g, cb = as<T>(c0), sb = as<T>(s0);
            c0 = dbl(cb), s0 = dbl(sb);
            const double sr = 0.375, rows = 13;
            emu_launch(G, B, [&] { K<T>::centre_scale(n, gc.data(), cb.data(), sb.data(), (T)sr, (T)rows); });
            for (long long i = 0; i < n; i++) a[i] = (g0[i] - c0[i] * sr) / s0[i] / rows;
            expect(at + "centre_scale", dbl(gc), a, tol);
            double q = 0;
            for (long long i = 0; i < n; i++) {
                double e = std::fabs(0.75 * g0[i]) - 0.25;
                q += e > 0 ? e * e : 0;
            }
            emu_launch(G, B, [&] { K<T>::soft_sq(n, part.data(), g.data(), (T)0.75, (T)0.25); });
            expect1(at + "soft_sq", sumv(part), q, tol * 10);
            const double tau = (double)(T)0.6;
            std::vector<T> gs = g;
            if (n > 2) gs[n / 3] = NAN; /* a NaN is selected, never hidden */
            std::vector<double> want, wval;
            for (long long i = 0; i < n; i++)
                if (!(std::fabs((double)gs[i]) < tau)) want.push_back((double)i), wval.push_back((double)gs[i]);
            std::vector<T> cols(n, (T)-1), val(n, (T)-1);
            std::vector<double> one(1, NAN);
            emu_launch(1, B, [&] { K<T>::select_above(n, one.data(), cols.data(), val.data(), gs.data(), (T)tau); });
            expect1(at + "select_above count", one[0], (double)want.size(), 0);
            const std::vector<double> di = dbl(cols);
            const long long c = (long long)want.size();
            expect(at + "select_above indices", std::vector<double>(di.begin(), di.begin() + c), want, 0);
            const std::vector<double> dv = dbl(val);
            for (long long k = 0; k < c; k++) /* the values: NaN where g was NaN, else g exactly */
                if (!(dv[k] == wval[k] || (std::isnan(dv[k]) && std::isnan(wval[k]))))
                    checks++, failures++, std::printf("FAIL %sselect_above value %lld\n", at.c_str(), k);
            expect(at + "select_above leaves the rest", std::vector<double>(di.begin() + c, di.end()),
                   std::vector<double>(n - c, -1), 0);
        }

        // Groups: an empty group, then sizes 0..150.
        std::vector<int> off{0, 0};
        while (off.back() < n) off.push_back((int)std::min<long long>(n, off.back() + (long long)(rng() % 151)));
        int m = (int)off.size() - 1;
        auto cw = rnd(m, 0.5, 2), ug0 = rnd(m), gm0 = rnd(m);
        std::vector<T> ug = as<T>(ug0), v(n, NAN), gm = as<T>(gm0), mw = as<T>(rnd(n)), ww = w;
        ug0 = dbl(ug), gm0 = dbl(gm);
        auto mw0 = dbl(mw);
        emu_launch(G, B, [&] { K<T>::ghad(m, v.data(), ug.data(), w.data(), off.data()); });
        for (int k = 0; k < m; k++)
            for (int i = off[k]; i < off[k + 1]; i++) a[i] = ug0[k] * w0[i];
        expect(at + "group_hadamard", dbl(v), a, tol);
        emu_launch(G, B, [&] {
            K<T>::gmom(m, ug.data(), ww.data(), v.data(), gm.data(), mw.data(), g.data(), off.data(), cw.data(), (T)0.1,
                       (T)0.9, 1, 0.02, 0.04);
        });
        std::vector<double> wug(m), wgm(m), wmw(n);
        for (int k = 0; k < m; k++) {
            double d = 0;
            for (int i = off[k]; i < off[k + 1]; i++) d += g0[i] * w0[i];
            double gu = d + 0.02 * cw[k] * ug0[k];
            wgm[k] = 0.9 * gm0[k] + gu;
            wug[k] = ug0[k] - 0.1 * (gu + 0.9 * wgm[k]);
            for (int i = off[k]; i < off[k + 1]; i++) {
                double gw = ug0[k] * g0[i] + 0.04 * cw[k] * w0[i];
                wmw[i] = 0.9 * mw0[i] + gw;
                b[i] = w0[i] - 0.1 * (gw + 0.9 * wmw[i]);
                c[i] = wug[k] * b[i];
            }
        }
        expect(at + "group_momentum u", dbl(ug), wug, tol * 100);
        expect(at + "group_momentum m_u", dbl(gm), wgm, tol * 100);
        expect(at + "group_momentum w", dbl(ww), b, tol * 10);
        expect(at + "group_momentum m_w", dbl(mw), wmw, tol * 10);
        expect(at + "group_momentum v", dbl(v), c, tol * 100);
    }
}

/* col_deviance: every family at sizes around the block (64 threads) and the grid (3 blocks: k > G strides), against
 * the formulas in double on the rounded inputs. Deviances are non-negative: the sums have no cancellation. */
static double dev_ref(int family, double y, double eta)
{
    if (family == 1) {
        double mu = std::fmin(std::fmax(1 / (1 + std::exp(-eta)), 1e-5), 1 - 1e-5);
        return -2 * (y * std::log(mu) + (1 - y) * std::log(1 - mu));
    }
    if (family == 2) {
        double mu = std::exp(eta);
        return 2 * ((y > 0 ? y * std::log(y / mu) : 0) - (y - mu));
    }
    return (y - eta) * (y - eta);
}

template <typename T>
static void run_deviance(const char *prec, double tol)
{
    for (int family : {0, 1, 2})
        for (auto nk : std::vector<std::pair<int, int>>{{1, 1}, {7, 2}, {63, 5}, {65, 3}, {1025, 7}}) {
            int n = nk.first, k = nk.second;
            std::string at = std::string(prec) + " family=" + std::to_string(family) + " n=" + std::to_string(n) +
                             " k=" + std::to_string(k) + " ";
            std::vector<double> y0 = rnd(n, -2, 2);
            for (auto &v : y0)
                if (family == 1) v = v > 0 ? 1 : 0;
                else if (family == 2) v = std::floor(v + 2.5); /* counts 0..4 */
            std::vector<T> y = as<T>(y0), eta = as<T>(rnd((size_t)n * k, -3, 3)), off = as<T>(rnd(k)), dev(k, NAN);
            auto e0 = dbl(eta), o0 = dbl(off);
            emu_launch(G, B, [&] { K<T>::col_deviance(n, k, dev.data(), eta.data(), y.data(), off.data(), family); });
            std::vector<double> want(k, 0);
            for (int l = 0; l < k; l++)
                for (int i = 0; i < n; i++) want[l] += dev_ref(family, y0[i], (double)(T)(o0[l] + e0[(size_t)l * n + i]));
            expect(at + "col_deviance", dbl(dev), want, tol * 10);
        }
}

/* cd_sweep's contract (api/Context.cdSweep) as a plain loop, every written element rounded to T as the kernel stores
 * it; the dot in row order with one accumulator (the kernel's tree differs only in rounding). */
template <typename T>
static void cd_reference(int n, int p, std::vector<T> &b, std::vector<T> &r, std::vector<T> &eta, std::vector<T> &st,
                         const std::vector<T> &x, const std::vector<T> &w, const std::vector<T> &xbar,
                         const std::vector<T> &scale, const std::vector<T> &a, const std::vector<T> &sw, double la,
                         double mu, double sum_w, double thr, int sweeps, int flags)
{
    const bool weighted = flags & 1, intercept = flags & 2, active = flags & 4;
    double S = st[0], c = st[1], change = 0, viol = 0;
    int done = 0;
    auto mx = [](double u, double v) { return u != u ? u : ((v != v || v > u) ? v : u); };
    while (done < sweeps) {
        done++;
        change = 0;
        viol = 0;
        if (weighted && intercept && sum_w > 0) {
            double dc = S / sum_w;
            if (dc != 0) {
                c += dc;
                for (int i = 0; i < n; i++) r[i] = (T)((double)r[i] - dc * (double)w[i]);
                S -= dc * sum_w;
                change = sum_w / n * dc * dc;
            }
        }
        for (int j = 0; j < p; j++) {
            double bj = b[j], aj = a[j];
            if (active && bj == 0) continue;
            double nb = 0;
            if (aj > 0) {
                double dot = 0;
                for (int i = 0; i < n; i++) dot += (double)x[(size_t)j * n + i] * (double)r[i];
                double sum = weighted ? S : (intercept ? -(double)n * S : 0);
                double g = (dot - (double)xbar[j] * sum) / ((double)scale[j] * n);
                viol = mx(viol, bj != 0 ? std::fabs(g - std::copysign(la, bj) - mu * bj) : std::fabs(g) - la);
                double u = aj * bj + g, m = std::fabs(u) - la;
                nb = m > 0 ? std::copysign(m, u) / (aj + mu) : 0;
            }
            double d = nb - bj;
            if (d == 0) continue;
            b[j] = (T)nb;
            double db = d / (double)scale[j], xb = xbar[j];
            for (int i = 0; i < n; i++) {
                double xi = x[(size_t)j * n + i];
                if (weighted) {
                    eta[i] = (T)((double)eta[i] + db * xi);
                    r[i] = (T)((double)r[i] - db * (double)w[i] * (xi - xb));
                } else r[i] = (T)((double)r[i] - db * xi);
            }
            if (weighted) S -= db * ((double)sw[j] - xb * sum_w);
            else S += xb * db;
            change = mx(change, aj * d * d);
        }
        if (change < thr) break;
    }
    st = {(T)S, (T)c, (T)change, (T)viol, (T)done};
}

/* cd_sweep on one block of B threads (rows strided over threads, tails hit) against cd_reference: every flag
 * combination, several sweeps, at sizes below, at and past the block. */
template <typename T>
static void run_cd(const char *prec, double tol)
{
    for (int n : {1, 7, 64, 131}) {
        for (int p : {1, 5, 17}) {
            for (int flags : {0, 2, 1, 3, 6, 7}) {
                std::string at = std::string(prec) + " cd_sweep n=" + std::to_string(n) + " p=" + std::to_string(p) +
                                 " flags=" + std::to_string(flags) + " ";
                std::vector<T> x = as<T>(rnd((size_t)n * p)), w = as<T>(rnd(n, 0.1, 1)), xbar(p), a(p), sw(p);
                std::vector<T> scale = as<T>(rnd(p, 0.5, 2));
                std::vector<T> b = as<T>(rnd(p)), r = as<T>(rnd(n)), eta = as<T>(rnd(n));
                /* a consistent model as the engine passes it: column means, exact curvatures, sw = Σ w·x_j, S = Σr */
                const bool weighted = flags & 1;
                double sum_w = 0, sum_r = 0;
                for (int i = 0; i < n; i++) sum_w += w[i], sum_r += r[i];
                for (int j = 0; j < p; j++) {
                    double m = 0, q = 0, t = 0;
                    for (int i = 0; i < n; i++) m += x[(size_t)j * n + i];
                    m = (flags & 2) ? m / n : 0; /* without an intercept the engine's x̄ is 0 */
                    for (int i = 0; i < n; i++) {
                        double wi = weighted ? (double)w[i] : 1, c = x[(size_t)j * n + i] - m;
                        q += wi * c * c;
                        t += wi * x[(size_t)j * n + i];
                    }
                    xbar[j] = (T)m, a[j] = (T)(q / ((double)scale[j] * scale[j] * n)), sw[j] = (T)t;
                }
                b[0] = 0; /* a zero coefficient: skipped by the active flag */
                if (p > 2) a[2] = 0; /* a constant column: its coefficient goes to 0 */
                std::vector<T> st = {(T)(weighted ? sum_r : 0.05), (T)0.3, (T)NAN, (T)NAN, (T)NAN};
                auto b2 = b, r2 = r, e2 = eta, s2 = st;
                const double la = 0.05, mu = 0.01;
                emu_launch(1, B, [&] {
                    K<T>::cd_sweep(n, p, b.data(), r.data(), eta.data(), st.data(), x.data(), w.data(), xbar.data(),
                                   scale.data(), a.data(), sw.data(), (T)la, (T)mu, (T)sum_w, (T)0, 3, flags);
                });
                cd_reference<T>(n, p, b2, r2, e2, s2, x, w, xbar, scale, a, sw, (double)(T)la, (double)(T)mu,
                                (double)(T)sum_w, 0, 3, flags);
                expect(at + "b", dbl(b), dbl(b2), tol);
                expect(at + "r", dbl(r), dbl(r2), tol);
                expect(at + "eta", dbl(eta), dbl(e2), tol);
                expect(at + "state", dbl(st), dbl(s2), tol);
            }
        }
    }
}

int main()
{
    run<float>("f32", 1e-5);
    run<double>("f64", 1e-12);
    run_gemm<float>("f32", 1e-7);
    run_gemm<double>("f64", 1e-14);
    run_sparse<float>("f32", 1e-5);
    run_sparse<double>("f64", 1e-12);

    run_more<float>("f32", 1e-5);
    run_more<double>("f64", 1e-12);
    run_deviance<float>("f32", 1e-5);
    run_deviance<double>("f64", 1e-12);
    run_cd<float>("f32", 1e-4);
    run_cd<double>("f64", 1e-10);
    std::printf("%d checks, %d failures\n", checks, failures);
    return failures ? 1 : 0;
}
