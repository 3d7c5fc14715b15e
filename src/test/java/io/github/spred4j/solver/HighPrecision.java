package io.github.spred4j.solver;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * exp, log and log1p in BigDecimal at 60 significant digits (far beyond float64's 16), for tests that judge the
 * float64 losses and conjugates by an evaluation that cannot share their rounding. exp: Taylor on x/2^k, squared
 * k times; log1p: its series for |z| < 1/8 (so log(1 − s) keeps its digits for tiny s), else Newton on exp.
 */
final class HighPrecision {
    static final MathContext MC = new MathContext(60, RoundingMode.HALF_EVEN);
    private static final BigDecimal EPS = new BigDecimal("1e-75");

    private HighPrecision() {
    }

    static BigDecimal of(double v) {
        return new BigDecimal(v); // exact
    }

    static BigDecimal exp(BigDecimal x) {
        if (x.signum() < 0) return BigDecimal.ONE.divide(exp(x.negate()), MC);
        int k = 0;
        BigDecimal r = x;
        while (r.compareTo(new BigDecimal("0.25")) > 0) {
            r = r.divide(BigDecimal.valueOf(2), MC);
            k++;
        }
        BigDecimal sum = BigDecimal.ONE, term = BigDecimal.ONE;
        for (int i = 1; term.abs().compareTo(EPS) > 0; i++) {
            term = term.multiply(r, MC).divide(BigDecimal.valueOf(i), MC);
            sum = sum.add(term, MC);
        }
        for (int i = 0; i < k; i++) sum = sum.multiply(sum, MC);
        return sum;
    }

    /** log x for x > 0. */
    static BigDecimal log(BigDecimal x) {
        if (x.signum() <= 0) throw new IllegalArgumentException("log of " + x);
        BigDecimal z = x.subtract(BigDecimal.ONE);
        if (z.abs().compareTo(new BigDecimal("0.125")) < 0) return log1p(z);
        // x = m·10^e with m near 1..10: the double start never underflows
        int e = x.precision() - x.scale() - 1;
        BigDecimal m = x.scaleByPowerOfTen(-e);
        BigDecimal y = newtonLog(m);
        return e == 0 ? y : y.add(newtonLog(BigDecimal.TEN).multiply(BigDecimal.valueOf(e), MC), MC);
    }

    /** log(1 + z), z > −1; the series keeps the digits of tiny z. */
    static BigDecimal log1p(BigDecimal z) {
        if (z.abs().compareTo(new BigDecimal("0.125")) >= 0) return log(BigDecimal.ONE.add(z));
        if (z.signum() == 0) return BigDecimal.ZERO;
        BigDecimal sum = BigDecimal.ZERO, pow = BigDecimal.ONE;
        BigDecimal stop = z.abs().multiply(EPS, MC);
        for (int k = 1; ; k++) {
            pow = pow.multiply(z, MC);
            BigDecimal term = pow.divide(BigDecimal.valueOf(k), MC);
            sum = k % 2 == 1 ? sum.add(term, MC) : sum.subtract(term, MC);
            if (term.abs().compareTo(stop) < 0) return sum;
        }
    }

    /** Halley's iteration y ← y + 2(x − e^y)/(x + e^y) from Math.log: cubic, three steps reach 60 digits. */
    private static BigDecimal newtonLog(BigDecimal x) {
        BigDecimal y = new BigDecimal(Math.log(x.doubleValue()));
        for (int i = 0; i < 4; i++) {
            BigDecimal ey = exp(y);
            y = y.add(BigDecimal.valueOf(2).multiply(x.subtract(ey, MC), MC).divide(x.add(ey, MC), MC), MC);
        }
        return y;
    }

    /** The logistic loss log(1 + e^η) − y·η at the exact η and y. */
    static BigDecimal logisticLoss(double y, double eta) {
        BigDecimal e = of(eta), yy = of(y);
        if (eta > 0) return BigDecimal.ONE.subtract(yy).multiply(e, MC).add(log1p(exp(e.negate())), MC);
        return log1p(exp(e)).subtract(yy.multiply(e, MC), MC);
    }

    /** The binary entropy −(q log q + (1 − q) log(1 − q)) at q = y − s, the step s given exactly. */
    static BigDecimal logisticDualTerm(BigDecimal y, BigDecimal s) {
        BigDecimal q = y.subtract(s), c = BigDecimal.ONE.subtract(q);
        BigDecimal a = q.signum() > 0 ? q.multiply(log(q), MC) : BigDecimal.ZERO;
        BigDecimal b = c.signum() > 0 ? c.multiply(log(c), MC) : BigDecimal.ZERO;
        return a.add(b, MC).negate();
    }

    /** The logistic curvature μ(η)(1 − μ(η)) = e^−|η| / (1 + e^−|η|)² at the exact η. */
    static BigDecimal logisticWeight(double eta) {
        BigDecimal e = exp(of(-Math.abs(eta))), d = BigDecimal.ONE.add(e);
        return e.divide(d.multiply(d, MC), MC);
    }
}
