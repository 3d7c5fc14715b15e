package io.github.spred4j.backend.opencl;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Context;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

import java.util.ArrayList;
import java.util.List;

/**
 * The OpenCL backend through JOCL, in two flavours: {@link #gpu()} ("opencl-gpu", devices of type GPU) and
 * {@link #cpu()} ("opencl-cpu", CPU and accelerator devices, e.g. PoCL). Discovery is lazy, runs once per
 * instance and never throws: it enumerates every platform and every device of the type, in platform order,
 * and picks the first, unless the system properties {@code spred4j.opencl.gpu.platform} /
 * {@code spred4j.opencl.gpu.device} (or {@code .cpu.}) choose a platform index and a device index among the
 * matching devices (of that platform, if one is chosen), and {@code spred4j.opencl.loops} ("contiguous" or
 * "strided") overrides the loop style chosen by device type (see kernels/opencl/common.cl). When JOCL's native
 * library does not load, no platform
 * is installed or no device of the type exists, the backend is unavailable and says why.
 *
 * <p>Kernels are OpenCL C sources (kernels/opencl/*.cl with kernels/spred_math.h prepended), built at run time
 * once per device and precision; FLOAT64 needs cl_khr_fp64, FLOAT32 runs everywhere.
 */
public final class OpenClBackend implements Backend {
    /** System property: "contiguous" or "strided" loops in the kernels, instead of the device type's choice. */
    public static final String LOOPS_PROPERTY = "spred4j.opencl.loops";

    private final boolean gpu;
    private volatile Probe probe;

    private record Probe(OpenClDevice device, String reason, String description) {
    }

    private OpenClBackend(boolean gpu) {
        this.gpu = gpu;
    }

    public static OpenClBackend gpu() {
        return new OpenClBackend(true);
    }

    public static OpenClBackend cpu() {
        return new OpenClBackend(false);
    }

    @Override
    public String name() {
        return gpu ? "opencl-gpu" : "opencl-cpu";
    }

    @Override
    public String family() {
        return "opencl";
    }

    @Override
    public boolean isAvailable() {
        return probe().device != null;
    }

    @Override
    public String unavailableReason() {
        return probe().reason;
    }

    @Override
    public String deviceName() {
        return probe().description;
    }

    @Override
    public Context open() {
        Probe p = probe();
        if (p.device == null) throw new IllegalStateException("backend " + name() + " is unavailable: " + p.reason);
        return new OpenClContext(name(), p.device);
    }

    private String kind() {
        return gpu ? "gpu" : "cpu";
    }

    private String what() {
        return gpu ? "GPU" : "CPU/accelerator";
    }

    private Probe probe() {
        Probe p = probe;
        if (p == null) {
            synchronized (this) {
                if (probe == null) probe = discover();
                p = probe;
            }
        }
        return p;
    }

    private Probe unavailable(String reason) {
        return new Probe(null, reason, "no OpenCL " + what() + " device");
    }

    private Probe discover() {
        try {
            int[] num = new int[1];
            int rc = status(() -> CL.clGetPlatformIDs(0, null, num));
            if (rc == CL.CL_PLATFORM_NOT_FOUND_KHR || (rc == CL.CL_SUCCESS && num[0] == 0))
                return unavailable("no OpenCL platform installed (clGetPlatformIDs: CL_PLATFORM_NOT_FOUND_KHR (-1001)); install an ICD, e.g. pocl-opencl-icd");
            if (rc != CL.CL_SUCCESS)
                return unavailable("clGetPlatformIDs failed: " + CL.stringFor_errorCode(rc) + " (" + rc + ")");
            cl_platform_id[] platforms = new cl_platform_id[num[0]];
            rc = status(() -> CL.clGetPlatformIDs(platforms.length, platforms, null));
            if (rc != CL.CL_SUCCESS)
                return unavailable("clGetPlatformIDs failed: " + CL.stringFor_errorCode(rc) + " (" + rc + ")");

            Integer wantPlatform = intProperty("spred4j.opencl." + kind() + ".platform");
            Integer wantDevice = intProperty("spred4j.opencl." + kind() + ".device");
            String loops = System.getProperty(LOOPS_PROPERTY, "").trim();
            if (!loops.isEmpty() && !loops.equals("contiguous") && !loops.equals("strided"))
                return unavailable(LOOPS_PROPERTY + "=" + loops + " (expected contiguous or strided)");
            Boolean contiguous = loops.isEmpty() ? null : loops.equals("contiguous");
            if (wantPlatform != null && (wantPlatform < 0 || wantPlatform >= platforms.length))
                return unavailable("spred4j.opencl." + kind() + ".platform=" + wantPlatform + " but there are " + platforms.length + " OpenCL platform(s)");

            long type = gpu ? CL.CL_DEVICE_TYPE_GPU : CL.CL_DEVICE_TYPE_CPU | CL.CL_DEVICE_TYPE_ACCELERATOR;
            List<String> keys = new ArrayList<>();
            List<cl_platform_id> ps = new ArrayList<>();
            List<cl_device_id> ds = new ArrayList<>();
            List<String> platformNames = new ArrayList<>();
            for (int pi = 0; pi < platforms.length; pi++) {
                cl_platform_id plat = platforms[pi];
                platformNames.add(safePlatformName(plat));
                if (wantPlatform != null && wantPlatform != pi) continue;
                int[] nd = new int[1];
                rc = status(() -> CL.clGetDeviceIDs(plat, type, 0, null, nd));
                if (rc != CL.CL_SUCCESS || nd[0] == 0) continue;    // CL_DEVICE_NOT_FOUND: none of this type
                cl_device_id[] devs = new cl_device_id[nd[0]];
                rc = status(() -> CL.clGetDeviceIDs(plat, type, devs.length, devs, null));
                if (rc != CL.CL_SUCCESS) continue;
                for (int di = 0; di < devs.length; di++) {
                    keys.add(kind() + ":" + pi + ":" + di);
                    ps.add(plat);
                    ds.add(devs[di]);
                }
            }
            if (ds.isEmpty())
                return unavailable("no OpenCL " + what() + " device on " + platforms.length + " platform(s) " + platformNames
                        + (wantPlatform != null ? " (platform " + wantPlatform + " chosen by property)" : ""));
            int idx = wantDevice == null ? 0 : wantDevice;
            if (idx < 0 || idx >= ds.size())
                return unavailable("spred4j.opencl." + kind() + ".device=" + idx + " but " + ds.size() + " OpenCL " + what() + " device(s) were found");
            OpenClDevice d = OpenClDevice.shared(keys.get(idx), ps.get(idx), ds.get(idx), contiguous);
            return new Probe(d, null, d.description());
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            return unavailable("JOCL native library failed to load: " + e);
        } catch (Throwable t) {
            return unavailable("OpenCL discovery failed: " + t);
        }
    }

    private static String safePlatformName(cl_platform_id p) {
        try {
            return Cl.platformString(p, CL.CL_PLATFORM_NAME);
        } catch (RuntimeException e) {
            return "?";
        }
    }

    /** A status code whether or not JOCL exceptions are enabled. */
    private static int status(Cl.StatusCall f) {
        try {
            return f.run();
        } catch (CLException e) {
            return e.getStatus();
        }
    }

    private static Integer intProperty(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) return null;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return -1;  // reported as an out-of-range choice
        }
    }
}
