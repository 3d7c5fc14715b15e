package io.github.spred4j.solver;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.Precision;
import io.github.spred4j.backend.Required;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Device-resident control (issue 12 item 5): the engine's column means, scales and λ_max come from device ops
 * (col_stats, csc_col_stats, one Xᵀr pass) and a float32 fit's float64 certificate from float64 passes on the
 * device. Both are compared here with the host float64 routes that need no device: {@link Problem} (means,
 * scales, λ_max) and {@link Certificates#of} (the certificate of the returned answer), on dense and sparse X, for
 * every family of the engine, with and without intercept and standardisation. java must match the host to the bit
 * (its ops are the host loops in the host's order); other backends within rounding of their summation order.
 */
class DeviceControlTest {
    /** Column offsets make the centring matter; p > n and an all-zero column included. */
    static Dataset dense(int n, int p, Model model, long seed) {
        Random rnd = new Random(seed);
        double[] x = new double[n * p], eta = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++) {
                double v = j == 2 ? 0 : 3 + 0.5 * j % 7 + rnd.nextGaussian();
                x[i * p + j] = v;
                if (j < 4) eta[i] += (j % 2 == 0 ? 0.4 : -0.3) * (v - 3);
            }
        double[] y = new double[n];
        for (int i = 0; i < n; i++)
            y[i] = switch (model) {
                case LOGISTIC -> rnd.nextDouble() < 1 / (1 + Math.exp(-eta[i])) ? 1 : 0;
                case POISSON -> Math.floor(Math.exp(0.3 * eta[i]) * 2 * rnd.nextDouble());
                default -> 10 + eta[i] + 0.3 * rnd.nextGaussian();
            };
        return Dataset.dense(n, p, x, y, null);
    }


    private static void close(String what, double want, double got, boolean exact) {
        assertTrue(Double.isFinite(got) && Double.isFinite(want), what + ": device " + got + ", host " + want);
        assertEquals(want, got, exact ? 0.0 : 1e-13 * Math.abs(want) + 1e-300, what);
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "native", "opencl-cpu", "cuda"})
    void statisticsAndLambdaMaxAreTheHostOnes(String name) {
        int cases = 0;
        try (Context ctx = Required.open(name)) {
            boolean java = name.equals("java");
            for (Model model : new Model[]{Model.SQUARED, Model.LOGISTIC, Model.POISSON})
                for (int[] shape : new int[][]{{1, 1}, {60, 17}, {31, 101}, {257, 3}})
                    for (boolean sparse : new boolean[]{false, true})
                        for (boolean intercept : new boolean[]{true, false})
                            for (boolean standardize : new boolean[]{true, false}) {
                                if (shape[0] == 1 && model != Model.SQUARED) continue; // one label: no logistic fit
                                Dataset d = sparse ? SparseEngineTest.data(shape[0], shape[1], 0.3, model, 7L * shape[1] + model.ordinal())
                                        : dense(shape[0], shape[1], model, 11L * shape[1] + model.ordinal());
                                FitOptions o = FitOptions.defaults(model).withIntercept(intercept).withStandardize(standardize)
                                        .withAlpha(model == Model.POISSON ? 0.5 : 1);
                                String at = name + " " + model + " " + shape[0] + "x" + shape[1] + (sparse ? " sparse" : " dense")
                                        + " intercept=" + intercept + " standardize=" + standardize + ": ";
                                Problem host = Problem.of(d, o); // densifies sparse X: its sums interleave the zeros
                                boolean exact = java && !sparse;
                                for (Precision pr : Precision.values())
                                    try (Prepared dev = new Prepared(ctx, d, o.withPrecision(pr))) {
                                        for (int j = 0; j < d.p(); j++) {
                                            close(at + pr + " x̄[" + j + "]", host.xbar[j], dev.xbar[j], exact);
                                            close(at + pr + " scale[" + j + "]", host.scale[j], dev.scale[j], exact);
                                        }
                                        close(at + pr + " λ_max", host.lambdaMax(), dev.lambdaMax, exact);
                                        // Spred.lambdaMax of sparse X: the host twin of the java ops' order (the same bits)
                                        close(at + pr + " Spred.lambdaMax", Spred.lambdaMax(d, o), dev.lambdaMax, java);
                                        cases++;
                                    }
                            }
        }
        assertEquals(3 * 3 * 2 * 2 * 2 * 2 + 2 * 2 * 2 * 2, cases);
    }

    /**
     * The engine's certificate of (b0, β) computed on the host in float64 by {@link Problem} (which needs no device):
     * the uniformly centred dual point, and for a GLM with intercept whose gap is above tol the curvature-weighted one
     * too, keeping the smaller (the engine's rule; {@link Certificates#of} always takes the smaller of both).
     */
    static Certificates.Certificate hostCertificate(Dataset d, FitOptions o, FitResult f) {
        Problem pb = Problem.of(d, o);
        int n = pb.n, p = pb.p;
        double[] b = new double[p];
        double c = f.intercept();
        for (int j = 0; j < p; j++) {
            b[j] = f.beta()[j] * pb.scale[j];
            c += pb.xbar[j] * f.beta()[j];
        }
        double[] eta = pb.eta(c, b), r = new double[n], w = new double[n];
        var fam = Families.of(o.model());
        for (int i = 0; i < n; i++) {
            r[i] = pb.y[i] - fam.mean(eta[i]);
            w[i] = fam.weight(eta[i]);
        }
        double la = o.lambda() * o.alpha(), mu = o.lambda() * (1 - o.alpha());
        double[] g = zc(pb, r);
        Certificates.Certificate u = Certificates.compute(fam, pb.y, eta, r, g, b, la, mu, o.intercept(), pb.lambdaMax() * o.alpha());
        if (u.value() > o.tol() && !fam.isQuadratic() && o.intercept()) {
            Certificates.Certificate v = Certificates.computeWeighted(fam, pb.y, eta, r, g, w, zc(pb, w), b, la, mu);
            if (v.value() < u.value()) return v;
        }
        return u;
    }

    private static double[] zc(Problem pb, double[] r) {
        double[] g = pb.xcT(r);
        for (int j = 0; j < g.length; j++) g[j] = g[j] / pb.scale[j] / pb.n;
        return g;
    }

    /**
     * A fit's reported certificate against the host float64 one ({@link #hostCertificate}) on the returned answer, and
     * never below {@link Certificates#of} (the better of both dual points): float32 fits (their
     * certificate from the float64 device passes) and float64 fits, lasso and elastic net, every family.
     * Tolerance: 1e-9 of the value plus 1e-13 (a certificate is relative to |P|): rounding of two summation
     * orders passes, a certificate computed from float32 X (errors ~1e-7) does not.
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "native", "opencl-cpu", "cuda"})
    void deviceCertificateIsTheHostOne(String name) {
        int cases = 0;
        double worst = 0;
        try (Context ctx = Required.open(name)) {
            for (Model model : new Model[]{Model.SQUARED, Model.LOGISTIC, Model.POISSON})
                for (int[] shape : new int[][]{{60, 17}, {31, 101}})
                    for (boolean sparse : new boolean[]{false, true})
                        for (double alpha : new double[]{1, 0.5})
                            for (Precision pr : Precision.values()) {
                                Dataset d = sparse ? SparseEngineTest.data(shape[0], shape[1], 0.3, model, 5L * shape[1] + model.ordinal())
                                        : dense(shape[0], shape[1], model, 13L * shape[1] + model.ordinal());
                                FitOptions o = FitOptions.defaults(model).withAlpha(alpha).withPrecision(pr).withTol(1e-7);
                                double lam = 0.2 * Spred.lambdaMax(d, o);
                                o = o.withLambda(lam);
                                String at = name + " " + model + " " + shape[0] + "x" + shape[1] + (sparse ? " sparse" : " dense")
                                        + " alpha=" + alpha + " " + pr + ": ";
                                FitResult f = Spred.fit(ctx, d, o);
                                Certificates.Certificate c = hostCertificate(d, o, f);
                                assertTrue(Double.isFinite(f.certificate()) && Double.isFinite(c.value()),
                                        at + "certificates " + f.certificate() + " / " + c.value());
                                assertEquals(c.name(), f.certificateName(), at + "certificate kind");
                                double diff = Math.abs(f.certificate() - c.value()), allowed = 1e-9 * Math.abs(c.value()) + 1e-13;
                                worst = Math.max(worst, diff / allowed);
                                assertEquals(c.value(), f.certificate(), allowed,
                                        at + "device certificate vs the host's (a negative gap is reported, never clamped)");
                                assertTrue(!c.negative(), at + "a negative gap " + c.value());
                                Certificates.Certificate best = Certificates.of(d, o, lam, f.intercept(), f.beta());
                                assertTrue(best.value() <= c.value() * (1 + 1e-9) + 1e-13, at + "Certificates.of " + best.value() + " above " + c.value());
                                cases++;
                            }
        }
        assertEquals(3 * 2 * 2 * 2 * 2, cases);
        System.out.printf("DeviceControlTest %s: %d certificates, worst |device − host| / allowed = %.3g%n", name, cases, worst);
    }
}
