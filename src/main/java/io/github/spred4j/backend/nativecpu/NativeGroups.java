package io.github.spred4j.backend.nativecpu;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceException;
import io.github.spred4j.api.GroupIndex;

/** Offsets and weights copied to native memory, with the segment plan the group kernels run over (native/groups.c). */
final class NativeGroups extends GroupIndex {
    final long handle;

    NativeGroups(Context owner, int[] offsets, double[] weights) {
        super(owner, offsets, weights);
        handle = NativeLib.groupsCreate(offsets, weights);
        if (handle == 0)
            throw DeviceException.of("spred_groups_create", "ENOMEM", 12,
                    "groups=" + weights.length + ", coordinates=" + offsets[offsets.length - 1]);
        releaseWith(new Free(handle));
    }

    /** Frees the native copy; holds the handle only (see {@link io.github.spred4j.api.DeviceBuffer#releaseWith}). */
    private record Free(long handle) implements Runnable {
        @Override
        public void run() {
            NativeLib.groupsFree(handle);
        }
    }
}
