package io.github.spred4j.backend.opencl;

import io.github.spred4j.api.DeviceException;
import io.github.spred4j.api.OpTable;
import io.github.spred4j.api.Precision;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;
import org.jocl.cl_program;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One OpenCL device found by discovery, with the state that is worth sharing between the {@link OpenClContext}s
 * opened on it: the {@code cl_context} and the two built programs (one per precision). PoCL and GPU drivers take
 * seconds to compile the kernels, so a program is built once per device and process, when first needed, and kept
 * until the JVM exits (drivers free it then). Each {@link OpenClContext} has its own command queue and kernels.
 */
final class OpenClDevice {
    /** The kernel files, in build order: common.cl (entry macro, work-group reductions), then one per operation of the op table. */
    static final List<String> KERNEL_FILES = kernelFiles();

    private static List<String> kernelFiles() {
        List<String> files = new ArrayList<>();
        files.add("common.cl");
        for (OpTable.Op op : OpTable.all()) files.add(op.name() + ".cl");
        return List.copyOf(files);
    }

    private static final Map<String, OpenClDevice> SHARED = new ConcurrentHashMap<>();

    final String key;
    final cl_platform_id platform;
    final cl_device_id device;
    final String name;
    final String platformName;
    final String version;
    final boolean fp64;
    final long maxWorkGroupSize;
    final long maxAlloc;
    /** Loops over contiguous chunks per work-item (CPU devices) instead of strided ones (GPUs); see common.cl. */
    final boolean contiguous;

    private cl_context context;
    private final Map<Precision, cl_program> programs = new EnumMap<>(Precision.class);

    private OpenClDevice(String key, cl_platform_id platform, cl_device_id device, boolean contiguous) {
        this.key = key;
        this.contiguous = contiguous;
        this.platform = platform;
        this.device = device;
        this.name = Cl.deviceString(device, CL.CL_DEVICE_NAME);
        this.platformName = Cl.platformString(platform, CL.CL_PLATFORM_NAME);
        this.version = Cl.deviceString(device, CL.CL_DEVICE_VERSION);
        String ext = Cl.deviceString(device, CL.CL_DEVICE_EXTENSIONS);
        this.fp64 = ext.contains("cl_khr_fp64") || Cl.deviceLong(device, CL.CL_DEVICE_DOUBLE_FP_CONFIG) != 0;
        this.maxWorkGroupSize = Cl.deviceSize(device, CL.CL_DEVICE_MAX_WORK_GROUP_SIZE);
        this.maxAlloc = Cl.deviceLong(device, CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE);
    }

    /**
     * The shared instance for a device found at {@code key} ("cpu:platform:device"), with the loop style
     * {@code contiguous} (null: by device type, contiguous for CPUs and accelerators, strided for GPUs).
     */
    static OpenClDevice shared(String key, cl_platform_id platform, cl_device_id device, Boolean contiguous) {
        boolean c = contiguous != null ? contiguous
                : (Cl.deviceLong(device, CL.CL_DEVICE_TYPE) & CL.CL_DEVICE_TYPE_GPU) == 0;
        String k = key + (c ? ":contiguous" : ":strided");
        OpenClDevice d = SHARED.get(k);
        if (d != null) return d;
        OpenClDevice fresh = new OpenClDevice(k, platform, device, c);
        d = SHARED.putIfAbsent(k, fresh);
        return d == null ? fresh : d;
    }

    /** "NAME (PLATFORM, OpenCL x.y ...)". */
    String description() {
        return name + " (" + platformName + ", " + version + (fp64 ? "" : ", no fp64") + (contiguous ? "" : ", strided loops") + ")";
    }

    synchronized cl_context context() {
        if (context == null) {
            cl_context_properties props = new cl_context_properties();
            props.addProperty(CL.CL_CONTEXT_PLATFORM, platform);
            context = Cl.create("clCreateContext", "device " + name,
                    err -> CL.clCreateContext(props, 1, new cl_device_id[]{device}, null, null, err));
        }
        return context;
    }

    /** Throws when FLOAT64 is asked of a device without cl_khr_fp64. */
    void checkPrecision(Precision precision) {
        checkPrecision(fp64, description(), precision);
    }

    static void checkPrecision(boolean fp64, String device, Precision precision) {
        if (precision == Precision.FLOAT64 && !fp64)
            throw new UnsupportedOperationException("OpenCL device " + device
                    + " has no double precision (cl_khr_fp64): FLOAT64 buffers and kernels are unavailable, FLOAT32 works");
    }

    /** The program of one precision, built on first use. Build failures throw with the build log. */
    synchronized cl_program program(Precision precision) {
        checkPrecision(precision);
        cl_program p = programs.get(precision);
        if (p == null) {
            p = build(sources(precision, fp64), buildOptions(precision), "spred4j " + precision + " program");
            programs.put(precision, p);
        }
        return p;
    }

    /** Builds a program for this device; a failure throws a {@link DeviceException} that carries the build log. */
    cl_program build(String[] sources, String options, String what) {
        String details = what + ", device " + name + ", options " + options;
        cl_program p = Cl.create("clCreateProgramWithSource", details,
                err -> CL.clCreateProgramWithSource(context(), sources.length, sources, null, err));
        try {
            Cl.check("clBuildProgram", details, () -> CL.clBuildProgram(p, 1, new cl_device_id[]{device}, options, null, null));
        } catch (DeviceException e) {
            String log = buildLog(p);
            CL.clReleaseProgram(p);
            throw new DeviceException(e.getMessage() + "\nbuild log:\n" + log, e);
        }
        return p;
    }

    String buildOptions(Precision precision) {
        return (precision == Precision.FLOAT64 ? "-DREAL=double -DSPRED_F64" : "-DREAL=float")
                + " -DSPRED_LG_BLOCK=" + OpenClContext.LG_BLOCK + (contiguous ? " -DSPRED_CONTIGUOUS" : "")
                + (fp64 ? "" : " -DSPRED_NO_FP64");
    }

    /**
     * The precision reductions accumulate in on this device (common.cl's ACC): FLOAT64 wherever cl_khr_fp64 exists,
     * in both precisions, as on the other backends; FLOAT32 only on a device without fp64, which then also refuses
     * FLOAT64 buffers (see {@link #checkPrecision}).
     */
    Precision accumulation() {
        return fp64 ? Precision.FLOAT64 : Precision.FLOAT32;
    }

    /** Program text for a device with fp64 (see {@link #sources(Precision, boolean)}). */
    static String[] sources(Precision precision) {
        return sources(precision, true);
    }

    /**
     * Program text: [the fp64 pragma, on every fp64 device: the float32 program accumulates in double too], the
     * shared header, then every kernel file (each a separate string).
     */
    static String[] sources(Precision precision, boolean fp64) {
        String[] s = new String[KERNEL_FILES.size() + 2];
        s[0] = fp64 ? "#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n" : "\n";
        s[1] = resource("/kernels/spred_math.h") + "\n";
        for (int i = 0; i < KERNEL_FILES.size(); i++) s[i + 2] = resource("/kernels/opencl/" + KERNEL_FILES.get(i)) + "\n";
        return s;
    }

    static String resource(String path) {
        try (InputStream in = OpenClDevice.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("kernel source " + path + " is not on the class path (the build copies kernels/ into the jar)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read kernel source " + path, e);
        }
    }

    private String buildLog(cl_program p) {
        try {
            long[] size = new long[1];
            CL.clGetProgramBuildInfo(p, device, CL.CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] buf = new byte[(int) size[0]];
            CL.clGetProgramBuildInfo(p, device, CL.CL_PROGRAM_BUILD_LOG, buf.length, Pointer.to(buf), null);
            return Cl.cString(buf);
        } catch (RuntimeException e) {
            return "(build log unavailable: " + e + ")";
        }
    }
}
