package io.github.spred4j.backend.nativecpu;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Context;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CPU fast path: C kernels (native/*.c, OpenMP, float32 and float64) called through JNI. Discovery loads the
 * library lazily and never throws; when it cannot load, {@link #unavailableReason()} says why.
 */
public final class NativeBackend implements Backend {
    private volatile String device;

    @Override
    public String name() {
        return "native";
    }

    @Override
    public String family() {
        return "native";
    }

    @Override
    public boolean isAvailable() {
        return NativeLoader.load() == null;
    }

    @Override
    public String unavailableReason() {
        return NativeLoader.load();
    }

    @Override
    public String deviceName() {
        String d = device;
        if (d == null) {
            try {
                d = isAvailable() ? cpuModel() + " (" + NativeLib.maxThreads() + " OpenMP threads)" : "CPU (native library not loaded)";
            } catch (Throwable t) {
                d = "CPU (" + t + ")";
            }
            device = d;
        }
        return d;
    }

    @Override
    public Context open() {
        String why = unavailableReason();
        if (why != null) throw new IllegalStateException("backend native is unavailable: " + why);
        return new NativeContext(deviceName());
    }

    /** The "model name" of /proc/cpuinfo, or the architecture when it cannot be read. */
    static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines)
                if (line.startsWith("model name")) {
                    int colon = line.indexOf(':');
                    if (colon >= 0) return line.substring(colon + 1).trim();
                }
        } catch (Exception e) {
            // fall through: the name is informative only
        }
        return "CPU " + System.getProperty("os.arch");
    }
}
