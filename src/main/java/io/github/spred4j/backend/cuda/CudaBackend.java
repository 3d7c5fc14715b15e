package io.github.spred4j.backend.cuda;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceException;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CUDA backend: handwritten kernels ({@code kernels/cuda/*.cu}, built by nvcc into the fatbin the jar carries
 * as {@value #FATBIN_RESOURCE}) launched through JCuda's driver API. Needs only the driver ({@code libcuda.so.1});
 * no CUDA runtime, cuBLAS or NVRTC.
 *
 * <p>Discovery is lazy and probes once per JVM: a missing JCuda native library or driver (the first JCuda call
 * throws {@link UnsatisfiedLinkError}, later ones {@link NoClassDefFoundError}), no device, or a jar built without
 * nvcc all make the backend unavailable with the reason, never an exception.
 *
 * <p>System properties: {@value #DEVICE_PROPERTY} (device ordinal, default 0), {@value #FATBIN_PROPERTY} (a fatbin
 * file to load instead of the resource), {@value CudaContext#SYNC_PROPERTY} (synchronize and check after every
 * launch, so that a kernel fault is reported with the kernel's name).
 */
public final class CudaBackend implements Backend {
    public static final String DEVICE_PROPERTY = "spred4j.cuda.device";
    public static final String FATBIN_PROPERTY = "spred4j.cuda.fatbin";
    public static final String FATBIN_RESOURCE = "/kernels/cuda/spred4j.fatbin";

    /** What the one probe found: a device (name, ordinal, fatbin) or the reason there is none. */
    private record Probe(String reason, String deviceName, int ordinal, byte[] fatbin) {
    }

    private static volatile Probe probe;

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String family() {
        return "cuda";
    }

    @Override
    public boolean isAvailable() {
        return probe().reason == null;
    }

    @Override
    public String unavailableReason() {
        return probe().reason;
    }

    @Override
    public String deviceName() {
        Probe p = probe();
        return p.reason == null ? p.deviceName : "no CUDA device (JCuda driver API, device " + p.ordinal + ")";
    }

    @Override
    public Context open() {
        return open(CudaLaunch.DEFAULT);
    }

    /** A context whose kernels with numbered variants launch as {@code launch} says (for the whole context's life). */
    public Context open(CudaLaunch launch) {
        java.util.Objects.requireNonNull(launch, "launch");
        Probe p = probe();
        if (p.reason != null) throw new IllegalStateException("backend cuda is unavailable: " + p.reason);
        return new CudaContext(p.ordinal, p.deviceName, p.fatbin, launch);
    }

    private static Probe probe() {
        Probe p = probe;
        if (p == null) {
            synchronized (CudaBackend.class) {
                if (probe == null) probe = runProbe();
                p = probe;
            }
        }
        return p;
    }

    private static Probe runProbe() {
        int ordinal;
        try {
            ordinal = Integer.parseInt(System.getProperty(DEVICE_PROPERTY, "0").trim());
        } catch (NumberFormatException e) {
            return new Probe("system property " + DEVICE_PROPERTY + " is not an integer: " + System.getProperty(DEVICE_PROPERTY), null, 0, null);
        }
        String device;
        try {
            device = probeDevice(ordinal);
        } catch (UnsatisfiedLinkError e) {
            return new Probe("the CUDA driver or JCuda's native library could not be loaded: " + linkFailure(e), null, ordinal, null);
        } catch (NoClassDefFoundError e) {
            return new Probe("JCuda is unusable in this JVM (an earlier load failed: " + e.getMessage() + ")", null, ordinal, null);
        } catch (DeviceException e) {
            return new Probe(e.getMessage(), null, ordinal, null);
        } catch (Throwable e) {
            return new Probe("CUDA probe failed: " + e, null, ordinal, null);
        }
        if (device == null) return new Probe("no CUDA device with ordinal " + ordinal, null, ordinal, null);
        byte[] fatbin;
        try {
            fatbin = loadFatbin();
        } catch (IOException e) {
            return new Probe("CUDA kernels could not be read: " + e.getMessage(), null, ordinal, null);
        }
        if (fatbin == null)
            return new Probe("the jar carries no CUDA kernels (" + FATBIN_RESOURCE + " missing: nvcc was not found when it was built)", null, ordinal, null);
        return new Probe(null, device, ordinal, fatbin);
    }

    /** Initialises the driver; returns the device's name, or null when there is no such device. */
    private static String probeDevice(int ordinal) {
        CudaContext.check(JCudaDriver.cuInit(0), "cuInit", "");
        int[] count = {0};
        CudaContext.check(JCudaDriver.cuDeviceGetCount(count), "cuDeviceGetCount", "");
        if (ordinal < 0 || ordinal >= count[0]) return null;
        CUdevice dev = new CUdevice();
        CudaContext.check(JCudaDriver.cuDeviceGet(dev, ordinal), "cuDeviceGet", "ordinal=" + ordinal);
        int[] major = {0};
        CudaContext.check(JCudaDriver.cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev),
                "cuDeviceGetAttribute(COMPUTE_CAPABILITY_MAJOR)", "ordinal=" + ordinal);
        byte[] name = new byte[256];
        CudaContext.check(JCudaDriver.cuDeviceGetName(name, name.length, dev), "cuDeviceGetName", "ordinal=" + ordinal);
        int len = 0;
        while (len < name.length && name[len] != 0) len++;
        String device = new String(name, 0, len, java.nio.charset.StandardCharsets.US_ASCII);
        // The fatbin holds sm_80 and sm_90 machine code and compute_90 PTX: nothing older than Ampere can run it.
        if (major[0] < 8)
            throw new DeviceException("device " + ordinal + " (" + device + ") has compute capability " + major[0]
                    + ".x; the CUDA kernels are built for 8.0 and later");
        return device;
    }

    /** The fatbin from {@value #FATBIN_PROPERTY} or the classpath; null when neither exists. */
    static byte[] loadFatbin() throws IOException {
        String file = System.getProperty(FATBIN_PROPERTY);
        if (file != null && !file.isBlank()) return Files.readAllBytes(Path.of(file));
        try (InputStream in = CudaBackend.class.getResourceAsStream(FATBIN_RESOURCE)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    /**
     * The useful line of JCuda's load failure, whose message nests the stack traces of each attempt: the last
     * attempt's {@code UnsatisfiedLinkError} line (typically "libcuda.so.1: cannot open shared object file").
     */
    static String linkFailure(Throwable e) {
        String msg = String.valueOf(e.getMessage());
        String best = null;
        for (String line : msg.split("\\R")) {
            int at = line.indexOf("UnsatisfiedLinkError:");
            if (at >= 0) best = line.substring(at + "UnsatisfiedLinkError:".length()).trim();
        }
        if (best == null) best = msg.split("\\R", 2)[0];
        return best;
    }

    /** The CUresult name of a code, never throwing (used in messages). */
    static String codeName(int code) {
        try {
            return CUresult.stringFor(code);
        } catch (Throwable t) {
            return "CUresult " + code;
        }
    }
}
