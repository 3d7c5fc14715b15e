package io.github.spred4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code bin/spred4j} on the shaded jar that {@code mvn package} built, as a user does. Used by the *IT classes,
 * which failsafe runs after {@code package} with {@code -Dspred4j.jar} naming that jar; a missing jar or script is
 * a failure, never a skip.
 */
final class PackagedCli {
    record Proc(int code, String out, String err, boolean timedOut) {
        @Override
        public String toString() {
            return "exit " + code + (timedOut ? " (timed out)" : "") + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    private PackagedCli() {
    }

    static Path jar() {
        String j = System.getProperty("spred4j.jar");
        assertNotNull(j, "-Dspred4j.jar is not set: the *IT classes run under failsafe (mvn verify), after package");
        Path p = Path.of(j);
        assertTrue(Files.isRegularFile(p), "the packaged jar " + p + " is missing: mvn package builds it");
        return p;
    }

    static Path script() {
        Path s = Path.of("").toAbsolutePath().resolve("bin/spred4j");
        assertTrue(Files.isExecutable(s), s + " is not executable");
        return s;
    }

    /** Runs bin/spred4j ARGS in {@code cwd} with extra JVM options; stdout and stderr are kept apart. */
    static Proc run(Path cwd, String javaOpts, long timeoutS, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(script().toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().put("SPRED4J_JAR", jar().toString());
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().put("JAVA_OPTS", javaOpts);
        Path out = Files.createTempFile(cwd, "stdout", ".txt"), err = Files.createTempFile(cwd, "stderr", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        boolean done = p.waitFor(timeoutS, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        Proc r = new Proc(done ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), !done);
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    static Proc run(Path cwd, String... args) throws IOException, InterruptedException {
        return run(cwd, "", 120, List.of(args));
    }
}
