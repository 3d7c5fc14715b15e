package io.github.spred4j.cli;

import io.github.spred4j.solver.CvResult;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.PathResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A diverged fit is never written as an answer: before the fix of 2026-12-01, `fit --method sgd --standardize`
 * on diabetes_raw wrote NaN coefficients to --out and exited 5. The solver now backs off, and the command refuses
 * any non-finite result with exit 6 and a one-line message, writing nothing.
 */
class DivergenceRefusalTest {
    @TempDir
    Path dir;

    static FitResult result(double b0, double[] beta, double objective) {
        return new FitResult(b0, beta, 1, objective, "duality_gap", 1, beta.length, 10, 0, "java", "cpu");
    }

    @Test
    void nonFiniteFitsAreRefused() {
        Path out = dir.resolve("coef.csv");
        for (FitResult r : new FitResult[]{result(0, new double[]{1, Double.NaN}, 1), result(Double.POSITIVE_INFINITY, new double[]{1, 2}, 1),
                result(0, new double[]{1, 2}, Double.NaN)}) {
            CliException e = assertThrows(CliException.class, () -> FitCommand.refuseNonFinite(r, out));
            assertEquals(ExitCode.DIVERGED, e.exitCode);
            assertTrue(e.getMessage().startsWith("diverged:") && e.getMessage().contains("nothing written"), e.getMessage());
            assertFalse(Files.exists(out));
        }
        assertDoesNotThrow(() -> FitCommand.refuseNonFinite(result(0.5, new double[]{1, 0}, 3), out));
    }

    @Test
    void aPathOrCvWithOneNonFiniteFitIsRefused() {
        Path out = dir.resolve("path.csv");
        FitResult good = result(0.5, new double[]{1, 0}, 3), bad = result(0.5, new double[]{Double.NaN, 0}, 3);
        PathResult finite = new PathResult(new double[]{2, 1}, List.of(good, good));
        PathResult broken = new PathResult(new double[]{2, 1}, List.of(good, bad));
        assertDoesNotThrow(() -> FitCommand.refuseNonFinite(finite, out));
        assertEquals(ExitCode.DIVERGED, assertThrows(CliException.class, () -> FitCommand.refuseNonFinite(broken, out)).exitCode);

        CvResult cvOk = new CvResult(new double[]{2, 1}, new double[]{4, 3}, new double[]{0.1, 0.1}, 1, 2, 1, 0, finite);
        assertDoesNotThrow(() -> CvCommand.refuseNonFinite(cvOk, out));
        CvResult nanCurve = new CvResult(new double[]{2, 1}, new double[]{4, Double.NaN}, new double[]{0.1, 0.1}, 2, 2, 0, 0, finite);
        CliException e = assertThrows(CliException.class, () -> CvCommand.refuseNonFinite(nanCurve, out));
        assertEquals(ExitCode.DIVERGED, e.exitCode);
        assertTrue(e.getMessage().contains("lambda=1") && !e.getMessage().contains("\n"), e.getMessage());
        CvResult nanPath = new CvResult(new double[]{2, 1}, new double[]{4, 3}, new double[]{0.1, 0.1}, 1, 2, 1, 0, broken);
        assertEquals(ExitCode.DIVERGED, assertThrows(CliException.class, () -> CvCommand.refuseNonFinite(nanPath, null)).exitCode);
        assertFalse(Files.exists(out));
    }

    @Test
    void theSolversDivergenceStopIsExitSixOnOneLine() {
        ArithmeticException e = new ArithmeticException("first-order SGD diverged: the objective stayed non-finite");
        assertEquals(ExitCode.DIVERGED, Main.exitCode(e));
        String line = Main.describe(e);
        assertTrue(line.startsWith("diverged: ") && !line.contains("\n") && line.contains("nothing written"), line);
    }
}
