package io.github.spred4j.backend.nativecpu;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Loads {@code libspred4j.so} once per JVM. By default the library (and the OpenMP runtime {@code libgomp.so.1}
 * that the build ships next to it) is extracted from the class path ({@code /lib/linux/x86_64/}) into a fresh
 * owner-only temporary directory; each extracted file's SHA-256 must equal the digest the build recorded
 * ({@code <lib>.sha256}) before {@link System#load} sees it. The system property {@value #LIB_PROPERTY} names
 * another copy to load instead. Never throws: a failure is kept as the reason the backend is unavailable.
 */
final class NativeLoader {
    static final String LIB_PROPERTY = "spred4j.native.lib";
    static final String RESOURCE_DIR = "/lib/linux/x86_64/";
    static final String LIB_NAME = "libspred4j.so";
    static final String GOMP_NAME = "libgomp.so.1";

    private static final Object LOCK = new Object();
    private static volatile boolean attempted;
    private static volatile String failure;
    private static volatile String source;

    private NativeLoader() {
    }

    /** Null when the library is loaded and usable, else why not. */
    static String load() {
        if (!attempted) {
            synchronized (LOCK) {
                if (!attempted) {
                    try {
                        failure = doLoad();
                    } catch (Throwable t) {
                        failure = "native library failed to load: " + t;
                    }
                    attempted = true;
                }
            }
        }
        return failure;
    }

    /** Where the library was loaded from (after a successful {@link #load}). */
    static String source() {
        return source;
    }

    private static String doLoad() throws IOException, NoSuchAlgorithmException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String override = System.getProperty(LIB_PROPERTY);
        Path lib;
        if (override != null && !override.isBlank()) {
            lib = Path.of(override).toAbsolutePath();
            if (!Files.isRegularFile(lib)) return LIB_PROPERTY + "=" + override + " is not a file";
        } else {
            if (!os.contains("linux")) return "the jar carries the native library for Linux only, not " + os;
            if (!arch.equals("amd64") && !arch.equals("x86_64"))
                return "the jar carries the native library for x86_64 only, not " + arch;
            if (NativeLoader.class.getResource(RESOURCE_DIR + LIB_NAME) == null)
                return RESOURCE_DIR + LIB_NAME + " is not on the class path (the build found no gcc/JDK headers, "
                        + "see native/build.sh)";
            Path dir = Files.createTempDirectory("spred4j-native-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            dir.toFile().deleteOnExit();
            if (NativeLoader.class.getResource(RESOURCE_DIR + GOMP_NAME) != null) {
                String why = extract(GOMP_NAME, dir);
                if (why != null) return why;
            }
            String why = extract(LIB_NAME, dir);
            if (why != null) return why;
            lib = dir.resolve(LIB_NAME);
        }
        try {
            System.load(lib.toString());
        } catch (UnsatisfiedLinkError e) {
            return "System.load(" + lib + ") failed: " + e.getMessage();
        }
        int abi;
        try {
            abi = NativeLib.abiVersion();
        } catch (UnsatisfiedLinkError e) {
            return lib + " is not a spred4j native library: " + e.getMessage();
        }
        if (abi != NativeLib.ABI_VERSION)
            return lib + " has native ABI version " + abi + ", this jar needs " + NativeLib.ABI_VERSION;
        source = lib.toString();
        return null;
    }

    /** Copies resource {@code name} into {@code dir} and checks its digest; returns why it failed, or null. */
    private static String extract(String name, Path dir) throws IOException, NoSuchAlgorithmException {
        byte[] bytes = resource(name);
        byte[] sum = resource(name + ".sha256");
        if (bytes == null) return RESOURCE_DIR + name + " cannot be read from the class path";
        if (sum == null) return RESOURCE_DIR + name + ".sha256 is missing from the class path";
        String expected = new String(sum, StandardCharsets.US_ASCII).trim().toLowerCase(Locale.ROOT);
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        file.toFile().deleteOnExit();
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix"))
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r-x------"));
        String actual = sha256(Files.readAllBytes(file));
        if (!actual.equals(expected))
            return "SHA-256 of extracted " + file + " is " + actual + ", the build recorded " + expected;
        return null;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = NativeLoader.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) return null;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    static String sha256(byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
