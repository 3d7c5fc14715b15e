package io.github.spred4j.backend.nativecpu;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Precision;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The positive control of scripts/asan-test.sh: reads past the end of a native buffer by bypassing the Java
 * checks (NativeLib trusts its caller), which an AddressSanitizer build must report. Runs only when the script
 * asks for it ({@code -Dspred4j.asan.canary=true}); under ASan the report kills this JVM, which is expected.
 * In the script's main run ({@code -Dspred4j.asan=true}) it checks instead that the instrumented library is the one
 * loaded, so that skipped native tests cannot pass for a clean run.
 */
class AsanCanaryTest {
    @Test
    void theInstrumentedLibraryIsLoaded() {
        assumeTrue(Boolean.getBoolean("spred4j.asan"), "only under scripts/asan-test.sh");
        NativeBackend b = new NativeBackend();
        assertTrue(b.isAvailable(), () -> "native backend unavailable under ASan: " + b.unavailableReason());
        assertEquals(java.nio.file.Path.of(System.getProperty(NativeLoader.LIB_PROPERTY)).toAbsolutePath().toString(),
                NativeLoader.source());
    }

    @Test
    void overflowThroughJniIsReported() {
        assumeTrue(Boolean.getBoolean("spred4j.asan.canary"), "only scripts/asan-test.sh runs the canary");
        NativeBackend b = new NativeBackend();
        assertTrue(b.isAvailable(), () -> "native backend unavailable under ASan: " + b.unavailableReason());
        try (Context c = b.open(); DeviceBuffer x = c.alloc(Precision.FLOAT32, 16)) {
            double[] dst = new double[64];
            // 16 floats = one 64-byte allocation; the float->double conversion loop reads 48 floats past it.
            NativeLib.copyToDoubles(((NativeBuffer) x).addr, 0, 0, dst, 0, 64);
        }
    }
}
