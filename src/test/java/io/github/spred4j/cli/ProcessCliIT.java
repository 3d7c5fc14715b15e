package io.github.spred4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.spred4j.backend.Required;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The command line as a user runs it: {@code bin/spred4j} on the shaded jar (failsafe runs this class after
 * {@code package}): exit codes, one-line errors, no stack traces, stdout/stderr separation, and the native library
 * extracted from the jar (not from target/classes).
 */
class ProcessCliIT {
    @TempDir
    Path dir;

    private PackagedCli.Proc cli(String... args) throws IOException, InterruptedException {
        return PackagedCli.run(dir, args);
    }

    private static void oneLine(PackagedCli.Proc p, int code, String fragment) {
        assertEquals(code, p.code(), p::toString);
        assertEquals(1, p.err().strip().split("\\R").length, () -> "one line on stderr\n" + p);
        assertTrue(p.err().contains(fragment), p::toString);
        assertFalse(p.err().contains("\tat ") || p.err().contains("Exception"), () -> "no stack trace\n" + p);
        assertTrue(p.out().isEmpty(), () -> "nothing on stdout\n" + p);
    }

    @Test
    void exitCodesAndOneLineErrors() throws Exception {
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "a,b,y\n1,2,3\n4,5\n");
        oneLine(cli("fit", "--x", ragged.toString(), "--target", "y", "--out", "coef.csv"), ExitCode.INPUT, ragged + ":3:3: ragged row");
        Path svm = Files.writeString(dir.resolve("z.svm"), "1 -1:1\n");
        oneLine(cli("fit", "--x", svm.toString(), "--out", "coef.csv"), ExitCode.INPUT, svm + ":1:2: negative feature index -1");
        oneLine(cli("fit", "--x", ragged.toString(), "--target", "y"), ExitCode.USAGE, "Missing required option: '--out=FILE'");
        oneLine(cli("fit", "--x", ragged.toString(), "--target", "y", "--out", "c.csv", "--backend", "tpu"), ExitCode.USAGE, "--backend must be one of");
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        oneLine(cli("fit", "--x", empty.toString(), "--target", "y", "--out", "c.csv"), ExitCode.INPUT, empty + ": empty file");
        assertFalse(Files.exists(dir.resolve("coef.csv")));
        assertFalse(Files.exists(dir.resolve("c.csv")));
        PackagedCli.Proc v = cli("--version");
        assertEquals(0, v.code(), v::toString);
        assertTrue(v.out().startsWith("spred4j "), v.out());
        assertTrue(v.err().isEmpty(), "progress and messages stay off stderr when not on a terminal: " + v.err());
    }

    /** The same fit on every CPU backend through the jar: the same coefficients, and predict reproduces them. */
    @Test
    void fitThenPredictOnEveryCpuBackend() throws Exception {
        StringBuilder csv = new StringBuilder("u,v,w,y\n");
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 60; i++) {
            double u = r.nextGaussian(), v = r.nextGaussian(), w = r.nextGaussian();
            csv.append(u).append(',').append(v).append(',').append(w).append(',').append(2 * u - v + 0.1 * r.nextGaussian()).append('\n');
        }
        Path data = Files.writeString(dir.resolve("data.csv"), csv.toString());
        JsonNode devices = Json.MAPPER.readTree(cli("devices", "--json").out());
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode d : devices) byName.put(d.get("name").asText(), d);
        Map<String, List<String>> coef = new HashMap<>();
        for (String backend : List.of("java", "native", "opencl-cpu")) {
            JsonNode d = byName.get(backend);
            assertNotNull(d, "devices lists " + backend + ": " + devices);
            // native from the jar: the library was extracted from the jar's /lib/linux/x86_64 (no -Dspred4j.native.lib).
            if (!d.get("available").asBoolean()) {
                Required.inCi(false, backend + " unavailable through the packaged jar: " + d.get("reason").asText());
                continue;
            }
            String out = "coef-" + backend + ".csv";
            PackagedCli.Proc fit = cli("fit", "--x", data.toString(), "--target", "y", "--lambda", "0.05", "--backend", backend,
                    "--out", out, "--json");
            assertEquals(0, fit.code(), fit::toString);
            assertTrue(fit.err().isEmpty(), "no progress when stderr is not a terminal: " + fit.err());
            JsonNode j = Json.MAPPER.readTree(fit.out());
            assertEquals(backend, j.get("backend").asText(), fit.out());
            assertTrue(j.get("certified").asBoolean(), fit.out());
            coef.put(backend, Files.readAllLines(dir.resolve(out)));
            PackagedCli.Proc pred = cli("predict", "--coef", out, "--x", data.toString(), "--out", "pred.csv");
            assertEquals(0, pred.code(), pred::toString);
            List<String> l = Files.readAllLines(dir.resolve("pred.csv"));
            assertEquals(61, l.size());
            assertEquals("prediction", l.get(0));
        }
        List<String> want = coef.get("java");
        for (Map.Entry<String, List<String>> e : coef.entrySet()) {
            assertEquals(want.size(), e.getValue().size(), e.getKey());
            for (int i = 1; i < want.size(); i++) {
                String[] a = want.get(i).split(","), b = e.getValue().get(i).split(",");
                assertEquals(a[0], b[0]);
                assertEquals(Double.parseDouble(a[1]), Double.parseDouble(b[1]), 1e-6, e.getKey() + " coefficient " + a[0]);
            }
        }
    }

    /** The shaded jar carries the native library and the digest the loader checks, and a Main-Class. */
    @Test
    void theJarCarriesTheNativeLibraryAndItsDigest() throws Exception {
        try (JarFile jar = new JarFile(PackagedCli.jar().toFile())) {
            assertEquals(Main.class.getName(), jar.getManifest().getMainAttributes().getValue("Main-Class"));
            boolean lib = jar.getEntry("lib/linux/x86_64/libspred4j.so") != null;
            Required.inCi(lib, "the jar has no lib/linux/x86_64/libspred4j.so (gcc missing at build time?)");
            if (lib) assertNotNull(jar.getEntry("lib/linux/x86_64/libspred4j.so.sha256"), "the digest NativeLoader checks");
        }
    }
}
