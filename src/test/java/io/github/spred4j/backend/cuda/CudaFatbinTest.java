package io.github.spred4j.backend.cuda;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.Kernel;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Without a GPU: the build produced the fatbin and it holds both precisions of every entry point CudaContext
 * launches. The fatbin is built uncompressed, so the names can be read from its bytes (no cuobjdump needed).
 */
class CudaFatbinTest {
    /** The kernel stems whose work is split over several entry points, and those entry points. */
    private static final List<String> SPLIT_STEMS = List.of("mat_t_vec", "loss_gradient");
    private static final List<String> EXTRA_ENTRIES = List.of("mat_t_vec_1", "mat_t_vec_reduce_1", "mat_t_vec_2",
            "mat_t_vec_reduce_2", "loss_gradient_1", "loss_gradient_2");

    private static boolean nvccOnPath() {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator))
            if (new File(dir, "nvcc").canExecute()) return true;
        return false;
    }

    private static byte[] fatbin() throws IOException {
        try (InputStream in = CudaFatbinTest.class.getResourceAsStream(CudaBackend.FATBIN_RESOURCE)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    /** Every entry point name CudaContext launches, from the @Kernel stems of Context. */
    static Set<String> expectedEntries() {
        Set<String> stems = new TreeSet<>();
        for (Method m : Context.class.getMethods()) {
            Kernel k = m.getAnnotation(Kernel.class);
            if (k != null) stems.add(k.value());
        }
        Set<String> out = new TreeSet<>();
        for (String s : stems) if (!SPLIT_STEMS.contains(s)) out.add(s);
        out.addAll(EXTRA_ENTRIES);
        Set<String> names = new TreeSet<>();
        for (String s : out) {
            names.add(s + "_f32");
            names.add(s + "_f64");
        }
        return names;
    }

    /** Runs of [A-Za-z0-9_] of at least 3 characters: the symbol names in the ELF string tables. */
    private static Set<String> identifiers(byte[] b) {
        Set<String> out = new HashSet<>();
        StringBuilder cur = new StringBuilder();
        for (byte x : b) {
            char c = (char) (x & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || c == '_') cur.append(c);
            else {
                if (cur.length() >= 3) out.add(cur.toString());
                cur.setLength(0);
            }
        }
        if (cur.length() >= 3) out.add(cur.toString());
        return out;
    }

    @Test
    void fatbinHoldsEveryEntryPointInBothPrecisions() throws IOException {
        byte[] fb = fatbin();
        if (fb == null) {
            assertFalse(nvccOnPath(), "nvcc is on PATH but " + CudaBackend.FATBIN_RESOURCE + " was not built (see kernels/cuda/build.sh output)");
            assumeTrue(false, "nvcc not on PATH: the CUDA fatbin was not built, nothing to check");
        }
        assertTrue(fb.length > 16, "fatbin too short: " + fb.length + " bytes");
        // Fatbin container magic 0xBA55ED50, little-endian.
        assertEquals(0x50, fb[0] & 0xff);
        assertEquals(0xED, fb[1] & 0xff);
        assertEquals(0x55, fb[2] & 0xff);
        assertEquals(0xBA, fb[3] & 0xff);
        Set<String> ids = identifiers(fb);
        Set<String> expected = expectedEntries();
        assertTrue(expected.size() >= 2 * 22, "expected at least 22 stems, got " + expected);
        List<String> missing = new ArrayList<>();
        for (String e : expected) if (!ids.contains(e)) missing.add(e);
        assertTrue(missing.isEmpty(), "entry points missing from the fatbin: " + missing);
        // Machine code for sm_80 and sm_90 (two ELF images), and PTX of every entry point for later GPUs.
        String text = new String(fb, StandardCharsets.ISO_8859_1);
        int elves = 0;
        for (int at = text.indexOf("\u007fELF"); at >= 0; at = text.indexOf("\u007fELF", at + 4)) elves++;
        assertTrue(elves >= 2, "expected sm_80 and sm_90 ELF images in the fatbin, found " + elves);
        List<String> noPtx = new ArrayList<>();
        for (String e : expected) if (!text.contains(".entry " + e + "(")) noPtx.add(e);
        assertTrue(noPtx.isEmpty(), "entry points without PTX (compute_90) in the fatbin: " + noPtx);
    }

    @Test
    void backendReportsAReasonWhenUnavailable() {
        CudaBackend b = new CudaBackend();
        if (b.isAvailable()) {
            assertEquals(null, b.unavailableReason());
            assertNotNull(b.deviceName());
        } else {
            String why = b.unavailableReason();
            assertNotNull(why);
            assertFalse(why.isBlank());
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, b::open);
            assertTrue(e.getMessage().contains(why), e.getMessage());
        }
        assertEquals("cuda", b.name());
        assertEquals("cuda", b.family());
    }
}
