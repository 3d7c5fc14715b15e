package io.github.spred4j.cli;

import io.github.spred4j.solver.FitResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

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
    void theSolversDivergenceStopIsExitSixOnOneLine() {
        ArithmeticException e = new ArithmeticException("first-order SGD diverged: the objective stayed non-finite");
        assertEquals(ExitCode.DIVERGED, Main.exitCode(e));
        String line = Main.describe(e);
        assertTrue(line.startsWith("diverged: ") && !line.contains("\n") && line.contains("nothing written"), line);
    }
}
