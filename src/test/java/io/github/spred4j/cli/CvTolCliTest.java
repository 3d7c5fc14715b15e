package io.github.spred4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.io.FoldIdFile;
import io.github.spred4j.io.LambdaFile;
import io.github.spred4j.solver.CvFitCounts;
import io.github.spred4j.solver.CvResult;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.Model;
import io.github.spred4j.solver.PathResult;
import io.github.spred4j.solver.Spred;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.github.spred4j.cli.CliTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/** cv --tol reaches every fit, and cv --json reports the tol and how many fold and full-data fits missed it. */
class CvTolCliTest {
    private static final double[] LAMBDAS = {30, 10, 3, 1, 0.3, 0.1};

    @TempDir
    Path dir;

    private String[] args(Dataset d, String... more) throws IOException {
        Path fid = dir.resolve("foldid.txt"), lam = dir.resolve("lambda.txt");
        FoldIdFile.write(fid, Spred.foldIds(d.n(), 4, 7));
        LambdaFile.write(lam, LAMBDAS);
        String[] base = {"cv", "--x", writeNpyX(dir, "X.npy", d, false, false).toString(), "--y", writeNpyY(dir, "y.npy", d.y()).toString(),
                "--foldid", fid.toString(), "--lambdas", lam.toString(), "--backend", "java", "--json"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void jsonReportsTheTolAndEveryFitCertifiedAtIt() throws IOException {
        Dataset d = diabetes();
        for (String tol : new String[]{"1e-7", "1e-3"}) {
            String[] a = tol.equals("1e-7") ? args(d) : args(d, "--tol", tol); // the default, and one given
            JsonNode j = Json.MAPPER.readTree(ok(a).out());
            assertEquals(Double.parseDouble(tol), j.get("tol").asDouble(), 0.0);
            assertEquals(4 * LAMBDAS.length, j.get("fold_fits").asInt());
            assertEquals(LAMBDAS.length, j.get("full_fits").asInt());
            assertEquals(0, j.get("uncertified_fold_fits").asInt());
            assertEquals(0, j.get("uncertified_full_fits").asInt());
            CvResult api;
            try (Context ctx = Backends.get("java").open()) {
                api = Spred.cv(ctx, d, FitOptions.defaults(Model.SQUARED).withTol(Double.parseDouble(tol)), LAMBDAS, Spred.foldIds(d.n(), 4, 7));
            }
            for (int i = 0; i < LAMBDAS.length; i++)
                assertEquals(api.meanLoss()[i], j.get("cv_mean").get(i).asDouble(), 1e-12 * api.meanLoss()[i], "tol " + tol);
            assertTrue(j.get("selected").get("duality_gap").asDouble() <= Double.parseDouble(tol));
        }
    }

    @Test
    void fitsThatMissTheTolAreCountedAndExitFive() throws IOException {
        // logistic with a 2-iteration budget at a tight tol: neither fold nor full-data fits can reach it
        Dataset d = diabetes();
        double[] y = d.y().clone();
        double mid = 140;
        for (int i = 0; i < y.length; i++) y[i] = y[i] > mid ? 1 : 0;
        Dataset b = Dataset.dense(d.n(), d.p(), d.x(), y, null);
        Path fid = dir.resolve("foldid.txt"), lam = dir.resolve("lambda.txt");
        FoldIdFile.write(fid, Spred.foldIds(b.n(), 4, 7));
        LambdaFile.write(lam, new double[]{0.05, 0.02, 0.01, 0.005});
        Result r = run("cv", "--x", writeNpyX(dir, "X.npy", b, false, false).toString(), "--y", writeNpyY(dir, "y.npy", y).toString(),
                "--foldid", fid.toString(), "--lambdas", lam.toString(), "--backend", "java", "--json", "--loss", "logistic",
                "--tol", "1e-12", "--max-iter", "2");
        assertEquals(ExitCode.NOT_CERTIFIED, r.code(), r::toString);
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(1e-12, j.get("tol").asDouble(), 0.0);
        assertEquals(16, j.get("fold_fits").asInt());
        assertEquals(4, j.get("full_fits").asInt());
        assertTrue(j.get("uncertified_fold_fits").asInt() > 0, r::toString);
        assertTrue(j.get("uncertified_full_fits").asInt() > 0, r::toString);
        assertTrue(r.err().contains("not certified") && r.err().contains("fold fits"), r::toString);
    }

    private static FitResult fit(double lambda, double gap) {
        return new FitResult(0, new double[2], lambda, 1, "duality_gap", gap, 0, 3, 0, "java", "host");
    }

    /** A 2-fold CV over 3 lambda whose fits carry the given gaps (folds first, then the full data), as the CLI counts it. */
    private static CliException decide(double... gaps) {
        double[] lam = {3, 2, 1};
        CvFitCounts n = new CvFitCounts(2, 1e-7);
        List<FitResult> full = new ArrayList<>();
        for (int i = 0; i < gaps.length; i++) {
            FitResult f = fit(lam[i % 3], gaps[i]);
            n.fitted(i, gaps.length, f);
            if (i >= 6) full.add(f);
        }
        CvResult cv = new CvResult(lam, new double[]{3, 2, 1}, new double[3], 1, 1, 2, 2, new PathResult(lam, full));
        return CvCommand.notCertified(cv, FitOptions.defaults(Model.SQUARED), n);
    }

    @Test
    void anUncertifiedFoldFitAloneIsExitFiveAndNaNNeverPasses() {
        assertNull(decide(1e-9, 1e-9, 1e-9, 1e-9, 1e-9, 1e-9, 1e-9, 1e-9, 1e-9));
        CliException fold = decide(1e-9, 3e-7, 1e-9, 1e-9, 1e-9, 1e-9, 1e-9, 1e-9, 1e-9);
        assertNotNull(fold, "a fold fit above --tol with every full-data fit certified");
        assertEquals(ExitCode.NOT_CERTIFIED, fold.exitCode);
        assertTrue(fold.getMessage().contains("1 of 6 fold fits above --tol"), fold.getMessage());
        CliException nan = decide(1e-9, 1e-9, 1e-9, 1e-9, Double.NaN, 1e-9, 1e-9, 1e-9, 1e-9);
        assertNotNull(nan, "a NaN fold certificate");
        CliException full = decide(1e-9, 1e-9, 1e-9, 1e-9, 1e-9, 1e-9, 1e-9, Double.NaN, 1e-9);
        assertNotNull(full, "a NaN full-data certificate");
        assertTrue(full.getMessage().contains("1 of 3 full-data fits") && !full.getMessage().contains("fold"), full.getMessage());
        CliException both = decide(1e-9, 1e-9, 2e-7, 1e-9, 1e-9, 1e-9, 1e-9, 1e-9, 5e-7);
        assertTrue(both.getMessage().contains("1 of 3 full-data fits") && both.getMessage().contains("and 1 of 6 fold fits"), both.getMessage());
    }
}
