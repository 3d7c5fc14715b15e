package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;

import java.util.Locale;

/**
 * Probe (not a test): a digest of every bit of a logistic/Poisson CV (curve, its spread, λ_min/λ_1se, every full-data
 * fit's β, intercept and certificate), so two builds can be compared for identical answers.
 * <pre>java -cp test-classes:classes:deps io.github.spred4j.solver.GlmCvDigest SET MODEL</pre>
 */
public final class GlmCvDigest {
    private GlmCvDigest() {
    }

    public static void main(String[] args) throws Exception {
        String set = args[0];
        Model model = Model.valueOf(args[1]);
        GlmCvProbe.Setup u = GlmCvProbe.Setup.of(set, model);
        try (Context ctx = Backends.get("native").open()) {
            CvResult cv = Spred.cv(ctx, u.d(), u.o(), u.lam(), u.foldId());
            long h = 17;
            for (double v : cv.meanLoss()) h = 31 * h + Double.doubleToLongBits(v);
            for (double v : cv.stdErr()) h = 31 * h + Double.doubleToLongBits(v);
            long hp = 17;
            for (FitResult f : cv.path().fits()) {
                for (double v : f.beta()) hp = 31 * hp + Double.doubleToLongBits(v);
                hp = 31 * hp + Double.doubleToLongBits(f.intercept());
                hp = 31 * hp + Double.doubleToLongBits(f.certificate());
            }
            System.out.printf(Locale.ROOT, "%s %s: curve %016x path %016x lambda_min %.17g lambda_1se %.17g%n",
                    set, model, h, hp, cv.lambdaMin(), cv.lambda1se());
        }
    }
}
