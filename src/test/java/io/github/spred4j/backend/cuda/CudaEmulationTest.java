package io.github.spred4j.backend.cuda;

import io.github.spred4j.backend.Required;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CUDA kernels' logic on the CPU, where there is no GPU: kernels/cuda/emu/run.sh compiles the real kernel
 * sources with g++ through a small CUDA shim (threads, barriers, warp shuffles) and compares every kernel family
 * with double loops. Skips where g++ is missing or the sources are not at hand (e.g. on the GPU machine); in CI
 * (where .ci/run installs g++) either is a failure.
 */
class CudaEmulationTest {
    @Test
    void kernelsAgreeWithDoubleLoopsOnTheCpu() throws Exception {
        Path script = Path.of(System.getProperty("user.dir"), "kernels", "cuda", "emu", "run.sh");
        Required.inCi(script.toFile().isFile(), "kernel sources not here: " + script);
        Required.tool("g++", "the CUDA emulation cannot be built (.ci/run installs it)");
        File log = File.createTempFile("spred4j-cuda-emu", ".log");
        log.deleteOnExit();
        Process p = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).redirectOutput(log).start();
        // A hang guard, not a time limit: the emulation runs each CUDA thread as a host thread meeting at barriers,
        // 65-155 s on a quiet 2-core box but 300 s once the box is loaded (load 20), so the guard sits well above that.
        boolean done = p.waitFor(900, TimeUnit.SECONDS);
        if (!done) { // the compiled emu_test is bash's child: kill it too, or it runs on as an orphan
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
        }
        String out = java.nio.file.Files.readString(log.toPath(), StandardCharsets.UTF_8);
        assertTrue(done, "emulation did not finish in 900 s:\n" + out);
        assertEquals(0, p.exitValue(), "emulated kernels disagree with the reference:\n" + out);
        assertTrue(out.matches("(?s).*\\b[1-9][0-9]* checks, 0 failures.*"), "no checks ran:\n" + out);
    }
}
