package io.github.spred4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Memory as a feature, in real processes with a small heap (-Xmx48m): a fit that cannot fit is refused up
 * front with one line naming the need and -Xmx; an OutOfMemoryError that does happen (a text file larger than
 * the heap) is one line too, never a stack trace; nothing is written either way.
 */
class MemoryLimitProcessTest {
    @TempDir
    Path dir;

    private record Proc(int code, String out, String err) {}

    private Proc java(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.redirectOutput(dir.resolve("stdout.txt").toFile());
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + cmd);
        return new Proc(p.exitValue(), Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8));
    }

    private void oneLine(Proc p, String... fragments) {
        String all = "exit " + p.code + "\nstdout: " + p.out + "\nstderr: " + p.err;
        assertEquals(ExitCode.INPUT, p.code, all);
        assertEquals(1, p.err.strip().split("\\R").length, "one line on stderr\n" + all);
        for (String f : fragments) assertTrue(p.err.contains(f), "should mention '" + f + "'\n" + all);
        assertFalse(p.err.contains("\tat ") || p.err.contains("Exception") || p.err.contains("java.lang"), "no stack trace\n" + all);
        assertFalse(Files.exists(dir.resolve("coef.csv")), "nothing written");
    }

    @Test
    void tooLargeSparseFitIsRefusedUpFront() throws Exception {
        // 4000 x 30000 with 3 nonzeros: a tiny file, but a spred method would expand it to 916 MB of float64
        Path x = Files.writeString(dir.resolve("x.mtx"), "%%MatrixMarket matrix coordinate real general\n4000 30000 3\n1 1 1.5\n2 7 -2\n4000 30000 3\n");
        StringBuilder y = new StringBuilder();
        for (int i = 0; i < 4000; i++) y.append(i % 3).append('\n');
        Path yf = Files.writeString(dir.resolve("y.txt"), y);
        oneLine(java("fit", "--x", x.toString(), "--y", yf.toString(), "--backend", "native", "--method", "lbfgs", "--out", "coef.csv"),
                x + ": the fit", "needs 916 MB of memory", "-Xmx");
    }

    @Test
    void sparseFitOnTheEngineFitsInASmallHeap() throws Exception {
        // 20000 x 50000 with 60000 nonzeros: 8 GB dense, about 1 MB as CSR; the engine (cd) keeps it sparse in 48 MB
        int n = 20000, p = 50000;
        java.util.Random rnd = new java.util.Random(3);
        Path x = dir.resolve("x.mtx");
        StringBuilder y = new StringBuilder();
        try (BufferedWriter w = Files.newBufferedWriter(x)) {
            w.write("%%MatrixMarket matrix coordinate real general\n" + n + " " + p + " " + 3 * n + "\n");
            for (int i = 1; i <= n; i++) {
                int j1 = 1 + rnd.nextInt(20), j2 = 21 + rnd.nextInt(1000), j3 = 1021 + rnd.nextInt(p - 1020);
                double a = rnd.nextGaussian();
                w.write(i + " " + j1 + " " + a + "\n" + i + " " + j2 + " 0.5\n" + i + " " + j3 + " 0.25\n");
                y.append(2 * a + 0.1 * rnd.nextGaussian()).append('\n');
            }
        }
        Path yf = Files.writeString(dir.resolve("y.txt"), y);
        Proc r = java("fit", "--x", x.toString(), "--y", yf.toString(), "--backend", "native", "--out", "coef.csv");
        assertEquals(0, r.code, r.err);
        assertTrue(Files.exists(dir.resolve("coef.csv")), "coefficients written");
        assertEquals(p + 2, Files.readAllLines(dir.resolve("coef.csv")).size(), "header, intercept and one row per feature");
    }

    /**
     * A hashed-feature-sized path: 2000 x 100000 with two non-zeros a row is 50 KB of CSR, but 100 λ of 100000
     * coefficients are 76 MB: refused before the path with the figure and the remedies (was an OutOfMemoryError
     * half-way, reported as "the input needs more than the heap"), by path and by cv (which keeps each fold's path);
     * 3 λ fit in the same heap.
     */
    @Test
    void aPathTooWideForTheHeapIsRefusedWithItsSize() throws Exception {
        int n = 2000, p = 100_000;
        java.util.Random rnd = new java.util.Random(5);
        Path x = dir.resolve("x.mtx");
        StringBuilder y = new StringBuilder();
        try (BufferedWriter w = Files.newBufferedWriter(x)) {
            w.write("%%MatrixMarket matrix coordinate real general\n" + n + " " + p + " " + 2 * n + "\n");
            for (int i = 1; i <= n; i++) {
                double a = rnd.nextGaussian();
                w.write(i + " " + (1 + rnd.nextInt(50)) + " " + a + "\n" + i + " " + (51 + rnd.nextInt(p - 50)) + " 1\n");
                y.append(a + 0.1 * rnd.nextGaussian()).append('\n');
            }
        }
        Path yf = Files.writeString(dir.resolve("y.txt"), y);
        for (String cmd : new String[]{"path", "cv"}) {
            oneLine(java(cmd, "--x", x.toString(), "--y", yf.toString(), "--backend", "native", "--out", "path.csv"),
                    x + ": the path's coefficients (100 lambdas x 100000 features, float64) needs 76.3 MB", "-Xmx", "--nlambda");
            assertFalse(Files.exists(dir.resolve("path.csv")), "nothing written");
        }
        Proc r = java("path", "--x", x.toString(), "--y", yf.toString(), "--backend", "native", "--nlambda", "3", "--out", "path.csv");
        assertEquals(0, r.code, r.err);
        assertEquals(4, Files.readAllLines(dir.resolve("path.csv")).size(), "header and one row per λ");
    }

    @Test
    void outOfMemoryWhileReadingIsOneLine() throws Exception {
        // a dense CSV of 6000 rows x 800 columns (about 19 MB of text, 38 MB as doubles) cannot be read in 48 MB
        Path x = dir.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(x)) {
            for (int j = 0; j < 800; j++) w.write((j == 0 ? "" : ",") + "c" + j);
            w.write(",y\n");
            String row = "0.25,".repeat(800) + "1\n";
            for (int i = 0; i < 6000; i++) w.write(row);
        }
        oneLine(java("fit", "--x", x.toString(), "--target", "y", "--backend", "native", "--out", "coef.csv"),
                "out of memory", "-Xmx");
    }
}
