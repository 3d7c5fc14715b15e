package io.github.spred4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The hostile-input catalogue (issue 6): every case runs {@code bin/spred4j fit} on the packaged jar as a separate
 * JVM (failsafe runs this class after {@code package}, see {@link PackagedCli}), and must end within a time bound with the documented exit code, exactly one
 * line on stderr naming the problem (the file or the option), no stack trace, and no hs_err_pid*.log file.
 * The JVMs run four at a time to keep the class short on a small machine.
 */
class HostileInputProcessIT {
    @TempDir
    Path dir;

    static final long BOUND_S = 60;

    record Case(String name, int code, String fragment, List<String> args) {}

    record Outcome(Case c, Path cwd, int code, String out, String err, boolean timedOut) {}

    static byte[] npy(String header, int dataBytes) {
        String h = header;
        int total = 10 + h.length() + 1;
        h = h + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + h.length() + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) h.length()).put(h.getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < dataBytes / 8; i++) b.putDouble(i * 0.5 - 1);
        return b.array();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    List<Case> catalogue() throws IOException {
        String good = "a,b,y\n1,2,3\n4,5,6\n7,8,10\n-1,0.5,2\n";
        Path goodCsv = write("good.csv", good);
        Path yNpy = write("y.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", 32));
        Path truncated = write("truncated.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4, 3), }", 40));
        Path lying = write("lying.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (100000000, 100000000), }", 96));
        Path ragged = write("ragged.csv", "a,b,y\n1,2,3\n4,5\n");
        Path word = write("word.csv", "a,b,y\n1,2,3\n4,five,6\n");
        Path nan = write("nan.csv", "a,b,y\n1,2,3\n4,NaN,6\n");
        Path inf = write("inf.csv", "a,b,y\n1,2,3\n4,5,Infinity\n");
        Path svm0 = write("negative.svm", "1 -1:1\n");
        Path svmOrder = write("order.svm", "1 3:1 2:4\n0 1:2\n");
        Path yShort = write("yshort.csv", "y\n1\n2\n");
        Path empty = write("empty.csv", "");
        Path missing = dir.resolve("missing.csv");
        Path folder = Files.createDirectory(dir.resolve("folder.csv"));
        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        bad.writeBytes("a,b,y\n1,2,3\n4,".getBytes(StandardCharsets.US_ASCII));
        bad.writeBytes(new byte[]{(byte) 0xC3, (byte) 0x28});
        bad.writeBytes(",6\n".getBytes(StandardCharsets.US_ASCII));
        Path utf8 = write("badutf8.csv", bad.toByteArray());
        Path groups = write("groups.txt", "1\n1\n2\n");
        String g = goodCsv.toString();
        return List.of(
                new Case("truncated npy", ExitCode.INPUT, truncated.toString(), List.of("--x", truncated.toString(), "--y", yNpy.toString())),
                new Case("npy with a lying header", ExitCode.INPUT, lying.toString(), List.of("--x", lying.toString(), "--y", yNpy.toString())),
                new Case("ragged CSV", ExitCode.INPUT, ragged + ":3", List.of("--x", ragged.toString(), "--target", "y")),
                new Case("non-numeric cell", ExitCode.INPUT, word + ":3", List.of("--x", word.toString(), "--target", "y")),
                new Case("NaN cell", ExitCode.INPUT, nan.toString(), List.of("--x", nan.toString(), "--target", "y")),
                new Case("Inf cell", ExitCode.INPUT, inf.toString(), List.of("--x", inf.toString(), "--target", "y")),
                new Case("LibSVM negative index", ExitCode.INPUT, svm0 + ":1", List.of("--x", svm0.toString())),
                new Case("LibSVM out-of-order indices", ExitCode.INPUT, svmOrder + ":1", List.of("--x", svmOrder.toString())),
                new Case("y length != rows", ExitCode.INPUT, yShort.toString(), List.of("--x", write("xonly.csv", "a,b\n1,2\n3,4\n5,6\n").toString(), "--y", yShort.toString())),
                new Case("empty file", ExitCode.INPUT, empty.toString(), List.of("--x", empty.toString(), "--target", "y")),
                new Case("missing file", ExitCode.INPUT, missing.toString(), List.of("--x", missing.toString(), "--target", "y")),
                new Case("directory instead of file", ExitCode.INPUT, folder.toString(), List.of("--x", folder.toString(), "--target", "y")),
                new Case("invalid UTF-8 CSV", ExitCode.INPUT, utf8.toString(), List.of("--x", utf8.toString(), "--target", "y")),
                new Case("group file with wrong count", ExitCode.INPUT, groups.toString(),
                        List.of("--x", g, "--target", "y", "--loss", "group", "--groups", groups.toString())),
                new Case("--lambda -1", ExitCode.USAGE, "--lambda", List.of("--x", g, "--target", "y", "--lambda", "-1")),
                new Case("--backend nonsense", ExitCode.USAGE, "--backend", List.of("--x", g, "--target", "y", "--backend", "nonsense")),
                new Case("--precision float16", ExitCode.USAGE, "--precision", List.of("--x", g, "--target", "y", "--precision", "float16")));
    }

    private Outcome run(Case c, int index) throws IOException, InterruptedException {
        Path cwd = Files.createDirectory(dir.resolve("run" + index));
        List<String> args = new ArrayList<>(List.of("fit"));
        args.addAll(c.args());
        args.addAll(List.of("--out", "coef.csv"));
        PackagedCli.Proc p = PackagedCli.run(cwd, "-XX:TieredStopAtLevel=1", BOUND_S, args);
        return new Outcome(c, cwd, p.code(), p.out(), p.err(), p.timedOut());
    }

    @Test
    void everyCaseFailsCleanlyAsAProcess() throws Exception {
        List<Case> all = catalogue();
        assertEquals(17, all.size(), "catalogue size");
        check(all);
    }

    private void check(List<Case> cases) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Outcome>> fs = new ArrayList<>();
        try {
            for (int i = 0; i < cases.size(); i++) {
                int k = i;
                fs.add(pool.submit(() -> run(cases.get(k), k)));
            }
            List<String> failures = new ArrayList<>();
            for (Future<Outcome> f : fs) {
                Outcome o = f.get();
                String all = o.c().name() + ": exit " + o.code() + "\n  stdout: " + o.out() + "\n  stderr: " + o.err();
                List<String> problems = new ArrayList<>();
                if (o.timedOut()) problems.add("did not finish within " + BOUND_S + " s");
                if (o.code() != o.c().code()) problems.add("exit code " + o.code() + ", expected " + o.c().code());
                if (o.err().strip().split("\\R").length != 1 || o.err().isBlank()) problems.add("not exactly one line on stderr");
                if (!o.err().contains(o.c().fragment())) problems.add("stderr does not name " + o.c().fragment());
                if (o.err().contains("\tat ") || o.err().contains("Exception in thread")) problems.add("stack trace");
                try (Stream<Path> s = Files.list(o.cwd())) {
                    if (s.anyMatch(q -> q.getFileName().toString().startsWith("hs_err_pid"))) problems.add("hs_err file");
                }
                if (Files.exists(o.cwd().resolve("coef.csv"))) problems.add("an output file was written");
                if (!problems.isEmpty()) failures.add(problems + " " + all);
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        } finally {
            pool.shutdownNow();
        }
    }
}
