package io.github.spred4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The command line as a real process: exit codes, one-line errors, no stack traces, stdout/stderr separation. */
class ProcessCliTest {
    @TempDir
    Path dir;

    record Proc(int code, String out, String err) {}

    private Proc java(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return exec(cmd);
    }

    private Proc exec(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.redirectOutput(dir.resolve("stdout.txt").toFile());
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + cmd);
        return new Proc(p.exitValue(), Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8));
    }

    private static void oneLine(Proc p, int code, String fragment) {
        String all = "exit " + p.code + "\nstdout: " + p.out + "\nstderr: " + p.err;
        assertEquals(code, p.code, all);
        assertEquals(1, p.err.strip().split("\\R").length, "one line on stderr\n" + all);
        assertTrue(p.err.contains(fragment), all);
        assertFalse(p.err.contains("\tat ") || p.err.contains("Exception"), "no stack trace\n" + all);
        assertTrue(p.out.isEmpty(), "nothing on stdout\n" + all);
    }

    @Test
    void exitCodesAndOneLineErrors() throws Exception {
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "a,b,y\n1,2,3\n4,5\n");
        oneLine(java("fit", "--x", ragged.toString(), "--target", "y", "--out", "coef.csv"), ExitCode.INPUT, ragged + ":3:3: ragged row");
        Path svm = Files.writeString(dir.resolve("z.svm"), "1 0:1\n");
        oneLine(java("fit", "--x", svm.toString(), "--out", "coef.csv"), ExitCode.INPUT, svm + ":1:2: feature index 0");
        oneLine(java("fit", "--x", ragged.toString(), "--target", "y"), ExitCode.USAGE, "Missing required option: '--out=FILE'");
        oneLine(java("fit", "--x", ragged.toString(), "--target", "y", "--out", "c.csv", "--backend", "tpu"), ExitCode.USAGE, "--backend must be one of");
        assertFalse(Files.exists(dir.resolve("coef.csv")));
        Proc v = java("--version");
        assertEquals(0, v.code, v.err);
        assertTrue(v.out.startsWith("spred4j "), v.out);
        assertTrue(v.err.isEmpty(), "progress and messages stay off stderr when not on a terminal: " + v.err);
    }

    @Test
    void fitThenPredictAsProcesses() throws Exception {
        StringBuilder csv = new StringBuilder("u,v,w,y\n");
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 60; i++) {
            double u = r.nextGaussian(), v = r.nextGaussian(), w = r.nextGaussian();
            csv.append(u).append(',').append(v).append(',').append(w).append(',').append(2 * u - v + 0.1 * r.nextGaussian()).append('\n');
        }
        Path data = Files.writeString(dir.resolve("data.csv"), csv.toString());
        Proc fit = java("fit", "--x", data.toString(), "--target", "y", "--lambda", "0.05", "--backend", "java", "--out", "coef.csv", "--json");
        assertEquals(0, fit.code, fit.err);
        assertTrue(fit.err.isEmpty(), "no progress when stderr is not a terminal: " + fit.err);
        assertTrue(fit.out.strip().startsWith("{") && fit.out.strip().endsWith("}"), fit.out);
        Proc pred = java("predict", "--coef", "coef.csv", "--x", data.toString(), "--out", "pred.csv");
        assertEquals(0, pred.code, pred.err);
        List<String> l = Files.readAllLines(dir.resolve("pred.csv"));
        assertEquals(61, l.size());
        assertEquals("prediction", l.get(0));
    }

    /** bin/spred4j runs the jar that `mvn package` builds; skipped before the package phase has made it. */
    @Test
    void binScriptRunsThePackagedJar() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path script = root.resolve("bin/spred4j");
        File[] jars = root.resolve("target").toFile().listFiles((d, n) -> n.startsWith("spred4j-") && n.endsWith("-all.jar"));
        assumeTrue(Files.isExecutable(script) && jars != null && jars.length > 0, "no target/spred4j-*-all.jar yet (run mvn package)");
        Path mainClass = root.resolve("target/classes/io/github/spred4j/cli/Main.class");
        long newest = 0;
        for (File j : jars) newest = Math.max(newest, j.lastModified());
        assumeTrue(!Files.exists(mainClass) || newest >= Files.getLastModifiedTime(mainClass).toMillis(),
                "the packaged jar is older than target/classes (run mvn package)");
        Proc v = exec(List.of(script.toString(), "--version"));
        assertEquals(0, v.code, v.err);
        assertTrue(v.out.startsWith("spred4j "), v.out);
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        oneLine(exec(List.of(script.toString(), "fit", "--x", empty.toString(), "--target", "y", "--out", "c.csv")), ExitCode.INPUT, empty + ": empty file");
    }
}
