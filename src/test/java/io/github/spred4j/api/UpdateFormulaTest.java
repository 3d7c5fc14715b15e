package io.github.spred4j.api;

import io.github.spred4j.backend.Required;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The update rules against formulas written out here, independently of the Java reference (which the conformance
 * tests compare every backend with, so a formula wrong in both would pass there): spred's split gradients
 * grad_u = G·W + 2αU, grad_w = G·U + 2βW (group form: Σ_g G·W + 2α c_g u_g, G·u_g + 2β c_g W), then SGD,
 * heavy-ball and Nesterov momentum (PyTorch's convention), Adam with bias correction, and AdamW (decay outside the
 * normalisation), for a few steps through {@link SpredOptimizer} on every backend, both precisions and the float[]
 * overloads. The first step from zero state is also checked in closed form: SGD and heavy-ball move by lr·grad,
 * Nesterov by (1 + μ)·lr·grad, Adam by ±lr whatever the gradient's size (the bias correction makes m̂ = g, v̂ = g²),
 * AdamW by ±lr plus the decoupled decay lr·2αc·u.
 */
class UpdateFormulaTest {
    static final String[] BACKENDS = {"java", "native", "opencl-cpu", "opencl-gpu", "cuda"};
    static final double ALPHA = 0.03, BETA = 0.05;

    static Stream<Arguments> cases() {
        List<UpdateRule> rules = List.of(
                new SgdParams(0.05, ALPHA, BETA),
                new MomentumParams(0.05, 0.9, false, ALPHA, BETA),
                new MomentumParams(0.05, 0.9, true, ALPHA, BETA),
                new AdamParams(0.01, 0.9, 0.999, 1e-8, ALPHA, BETA, false),
                new AdamParams(0.01, 0.8, 0.99, 1e-8, ALPHA, BETA, true));
        List<Arguments> out = new ArrayList<>();
        for (String b : BACKENDS) for (Precision p : Precision.values()) for (UpdateRule r : rules)
            for (boolean grouped : new boolean[]{false, true}) out.add(Arguments.of(b, p, r, grouped));
        return out.stream();
    }

    /** The parameters and optimizer state of the hand-written model. */
    static final class State {
        final double[] u, w, mu, mw, vu, vw;

        State(double[] u, double[] w) {
            this.u = u;
            this.w = w;
            mu = new double[u.length];
            vu = new double[u.length];
            mw = new double[w.length];
            vw = new double[w.length];
        }
    }

    /** One step of {@code rule} on one parameter vector: theta, its loss gradient lg and decay coefficient d. */
    static void apply(UpdateRule rule, double[] theta, double[] lg, double[] d, double[] m, double[] v, long t) {
        for (int i = 0; i < theta.length; i++) {
            if (rule instanceof SgdParams s) {
                theta[i] -= s.lr() * (lg[i] + d[i] * theta[i]);
            } else if (rule instanceof MomentumParams s) {
                double g = lg[i] + d[i] * theta[i];
                m[i] = s.momentum() * m[i] + g;
                theta[i] -= s.lr() * (s.nesterov() ? g + s.momentum() * m[i] : m[i]);
            } else if (rule instanceof AdamParams s) {
                double g = s.decoupled() ? lg[i] : lg[i] + d[i] * theta[i];
                m[i] = s.beta1() * m[i] + (1 - s.beta1()) * g;
                v[i] = s.beta2() * v[i] + (1 - s.beta2()) * g * g;
                double mHat = m[i] / (1 - Math.pow(s.beta1(), t)), vHat = v[i] / (1 - Math.pow(s.beta2(), t));
                double step = mHat / (Math.sqrt(vHat) + s.eps()) + (s.decoupled() ? d[i] * theta[i] : 0);
                theta[i] -= s.lr() * step;
            }
        }
    }

    /** One spred step: split gradients from the old U and W, then the rule on U and on W. */
    static void step(UpdateRule rule, State s, double[] grad, int[] off, double[] wt, long t) {
        int m = s.u.length, n = s.w.length;
        double[] lgU = new double[m], dU = new double[m], lgW = new double[n], dW = new double[n];
        for (int k = 0; k < m; k++) {
            int lo = off == null ? k : off[k], hi = off == null ? k + 1 : off[k + 1];
            double c = wt == null ? 1 : wt[k];
            for (int i = lo; i < hi; i++) {
                lgU[k] += grad[i] * s.w[i];
                lgW[i] = grad[i] * s.u[k];
                dW[i] = 2 * rule.beta() * c;
            }
            dU[k] = 2 * rule.alpha() * c;
        }
        apply(rule, s.u, lgU, dU, s.mu, s.vu, t);
        apply(rule, s.w, lgW, dW, s.mw, s.vw, t);
    }

    static double[] uPerW(State s, int[] off, int n) {
        double[] v = new double[n];
        for (int k = 0; k < s.u.length; k++)
            for (int i = off == null ? k : off[k]; i < (off == null ? k + 1 : off[k + 1]); i++) v[i] = s.u[k] * s.w[i];
        return v;
    }

    static void close(String what, double[] dev, double[] want, double tol) {
        assertEquals(want.length, dev.length, what);
        for (int i = 0; i < want.length; i++)
            if (!(Math.abs(dev[i] - want[i]) <= tol * (1 + Math.abs(want[i]))))
                fail(String.format("%s[%d]: device %s, formula %s (diff %.3g, allowed %.3g)", what, i, dev[i], want[i],
                        Math.abs(dev[i] - want[i]), tol * (1 + Math.abs(want[i]))));
    }

    @ParameterizedTest(name = "{0} {1} {2} grouped={3}")
    @MethodSource("cases")
    void stepsFollowTheFormulas(String backend, Precision p, UpdateRule rule, boolean grouped) {
        Backend b = Backends.list().stream().filter(x -> x.name().equals(backend)).findFirst().orElseThrow();
        Required.backend(b);
        int n = 23;
        int[] off = grouped ? new int[]{0, 1, 4, 4, 11, 23} : null;
        double[] wt = grouped ? new double[]{1, 1.7, 0.5, 2.6, 3.4} : null;
        SplittableRandom r = new SplittableRandom(rule.hashCode() * 31L + (grouped ? 1 : 0));
        double[] v0 = new double[n];
        for (int i = 0; i < n; i++) v0[i] = i % 4 == 0 ? 0 : r.nextDouble(-2, 2);
        // float32 results are compared with the formula in float64 from the same rounded inputs: a few roundings.
        double tol = p == Precision.FLOAT32 ? 2e-5 : 1e-12;
        try (Context ctx = b.open();
             SpredOptimizer opt = grouped ? SpredOptimizer.createGrouped(ctx, p, off, wt, rule) : SpredOptimizer.create(ctx, p, n, rule)) {
            opt.init(v0, 0.3);
            State s = new State(opt.u().toDoubleArray(), opt.w().toDoubleArray());
            State first = null;
            for (long t = 1; t <= 4; t++) {
                double[] g = new double[n];
                for (int i = 0; i < n; i++) g[i] = r.nextDouble(-1, 1);
                if (p == Precision.FLOAT32) {
                    float[] gf = new float[n];
                    for (int i = 0; i < n; i++) g[i] = gf[i] = (float) g[i];
                    opt.step(gf);
                } else {
                    opt.step(g);
                }
                double[] u0 = s.u.clone(), w0 = s.w.clone();
                step(rule, s, g, off, wt, t);
                String at = backend + " " + p + " " + rule + " step " + t;
                close("U " + at, opt.u().toDoubleArray(), s.u, tol);
                close("W " + at, opt.w().toDoubleArray(), s.w, tol);
                close("V " + at, opt.v().toDoubleArray(), uPerW(s, off, n), tol);
                if (p == Precision.FLOAT32) {
                    float[] vf = new float[n];
                    opt.readV(vf);
                    double[] vd = new double[n];
                    for (int i = 0; i < n; i++) vd[i] = vf[i];
                    close("readV(float[]) " + at, vd, uPerW(s, off, n), tol);
                }
                if (t == 1) firstStepInClosedForm(rule, u0, w0, g, off, wt, opt.u().toDoubleArray(), tol, at);
            }
        }
    }

    /** Closed forms of the first step from zero optimizer state, for U (W's side is symmetric). */
    private static void firstStepInClosedForm(UpdateRule rule, double[] u0, double[] w0, double[] g, int[] off, double[] wt,
                                              double[] u1, double tol, String at) {
        for (int k = 0; k < u0.length; k++) {
            double lg = 0, c = wt == null ? 1 : wt[k];
            for (int i = off == null ? k : off[k]; i < (off == null ? k + 1 : off[k + 1]); i++) lg += g[i] * w0[i];
            double grad = lg + 2 * rule.alpha() * c * u0[k], moved = u0[k] - u1[k], want;
            if (rule instanceof SgdParams s) want = s.lr() * grad;
            else if (rule instanceof MomentumParams m) want = m.lr() * grad * (m.nesterov() ? 1 + m.momentum() : 1);
            else if (rule instanceof AdamParams a && !a.decoupled()) want = a.lr() * grad / (Math.abs(grad) + a.eps()); // m̂ = g, v̂ = g²
            else if (rule instanceof AdamParams a) want = a.lr() * (lg / (Math.abs(lg) + a.eps()) + 2 * a.alpha() * c * u0[k]);
            else throw new AssertionError(rule);
            assertEquals(want, moved, tol * (1 + Math.abs(u0[k])), "first step of u[" + k + "] in closed form, " + at);
        }
    }
}
