package io.github.spred4j.backend.java;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.GroupIndex;

final class JavaGroups extends GroupIndex {
    final int[] off;
    final double[] wt;

    JavaGroups(Context owner, int[] offsets, double[] weights) {
        super(owner, offsets, weights);
        off = offsetsRef();
        wt = weightsRef();
    }
}
