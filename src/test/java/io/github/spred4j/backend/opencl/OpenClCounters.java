package io.github.spred4j.backend.opencl;

/** Test access to the OpenCL backend's count of cl_mem objects created and not released. */
public final class OpenClCounters {
    private OpenClCounters() {
    }

    public static long liveMemObjects() {
        return Cl.LIVE_MEM.get();
    }
}
