package io.github.spred4j.backend.nativecpu;

/** Test access to the native library's count of live allocations (buffers and group indexes). */
public final class NativeCounters {
    private NativeCounters() {
    }

    public static long liveAllocations() {
        return NativeLib.liveAllocations();
    }
}
