package io.github.spred4j.backend.opencl;

import io.github.spred4j.api.DeviceException;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

import java.nio.charset.StandardCharsets;

/**
 * Turns OpenCL status codes into {@link DeviceException}s naming the call, the code and the sizes. Works whether
 * or not JOCL's own exceptions are enabled (a {@link CLException} is translated the same way).
 */
final class Cl {
    /** cl_mem objects this backend created and has not released (buffers, group copies, scratch): for leak tests. */
    static final java.util.concurrent.atomic.AtomicLong LIVE_MEM = new java.util.concurrent.atomic.AtomicLong();

    private Cl() {
    }

    /** clCreateBuffer through {@link #create}, counted in {@link #LIVE_MEM}. */
    static org.jocl.cl_mem createBuffer(String call, String details, ObjectCall<org.jocl.cl_mem> f) {
        org.jocl.cl_mem m = create(call, details, f);
        LIVE_MEM.incrementAndGet();
        return m;
    }

    /** clReleaseMemObject through {@link #check}, counted in {@link #LIVE_MEM}. */
    static void releaseBuffer(String call, String details, org.jocl.cl_mem m) {
        check(call, details, () -> CL.clReleaseMemObject(m));
        LIVE_MEM.decrementAndGet();
    }

    /** A call that returns a status code. */
    @FunctionalInterface
    interface StatusCall {
        int run();
    }

    /** A call that returns an object and reports its status in {@code err[0]}. */
    @FunctionalInterface
    interface ObjectCall<T> {
        T run(int[] err);
    }

    static DeviceException error(String call, int code, String details) {
        return DeviceException.of(call, CL.stringFor_errorCode(code), code, details);
    }

    static void check(String call, String details, StatusCall f) {
        int code;
        try {
            code = f.run();
        } catch (CLException e) {
            code = e.getStatus();
            if (code == CL.CL_SUCCESS) throw new DeviceException(call + " failed: " + e.getMessage() + " [" + details + "]", e);
        }
        if (code != CL.CL_SUCCESS) throw error(call, code, details);
    }

    static <T> T create(String call, String details, ObjectCall<T> f) {
        int[] err = {CL.CL_SUCCESS};
        T out;
        try {
            out = f.run(err);
        } catch (CLException e) {
            err[0] = e.getStatus();
            if (err[0] == CL.CL_SUCCESS) throw new DeviceException(call + " failed: " + e.getMessage() + " [" + details + "]", e);
            out = null;
        }
        if (err[0] != CL.CL_SUCCESS) throw error(call, err[0], details);
        if (out == null) throw new DeviceException(call + " returned null [" + details + "]");
        return out;
    }

    static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        check("clGetDeviceInfo", "param=" + param, () -> CL.clGetDeviceInfo(d, param, 0, null, size));
        byte[] buf = new byte[(int) size[0]];
        check("clGetDeviceInfo", "param=" + param, () -> CL.clGetDeviceInfo(d, param, buf.length, Pointer.to(buf), null));
        return cString(buf);
    }

    static long deviceLong(cl_device_id d, int param) {
        long[] v = new long[1];
        check("clGetDeviceInfo", "param=" + param, () -> CL.clGetDeviceInfo(d, param, Sizeof.cl_ulong, Pointer.to(v), null));
        return v[0];
    }

    /** size_t device info (8 bytes on the 64-bit hosts JOCL ships for). */
    static long deviceSize(cl_device_id d, int param) {
        long[] v = new long[1];
        check("clGetDeviceInfo", "param=" + param, () -> CL.clGetDeviceInfo(d, param, Sizeof.size_t, Pointer.to(v), null));
        return v[0];
    }

    static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        check("clGetPlatformInfo", "param=" + param, () -> CL.clGetPlatformInfo(p, param, 0, null, size));
        byte[] buf = new byte[(int) size[0]];
        check("clGetPlatformInfo", "param=" + param, () -> CL.clGetPlatformInfo(p, param, buf.length, Pointer.to(buf), null));
        return cString(buf);
    }

    static String cString(byte[] buf) {
        int len = 0;
        while (len < buf.length && buf[len] != 0) len++;
        return new String(buf, 0, len, StandardCharsets.UTF_8).trim();
    }
}
