package io.github.spred4j.api;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * A partition of {@code p} coordinates into {@code m} contiguous groups, group g being
 * {@code [offsets[g], offsets[g+1])}, with a weight {@code w_g} per group (default √p_g, as in grpreg).
 * Empty groups are allowed. Created by {@link Context#groups}; backends keep a device copy. Immutable.
 * Closing is idempotent; use after close throws {@link IllegalStateException}; an index dropped without
 * {@code close()} is freed by a Cleaner and reported (see {@link Context}). Backends: the constructor calls
 * {@link #releaseWith} with a handle-only action.
 */
public abstract class GroupIndex implements AutoCloseable {
    private final Context owner;
    private final int[] offsets;
    private final double[] weights;
    private final Resource res = Resource.of(this, "group index", false);

    protected GroupIndex(Context owner, int[] offsets, double[] weights) {
        this.owner = Objects.requireNonNull(owner);
        this.offsets = offsets.clone();
        this.weights = weights.clone();
    }

    /** Validates offsets (starts at 0, non-decreasing) and weights (finite, >= 0, one per group). */
    public static void validate(int[] offsets, double[] weights) {
        if (offsets == null || offsets.length == 0) throw new IllegalArgumentException("group offsets must have at least one entry (0)");
        if (offsets[0] != 0) throw new IllegalArgumentException("group offsets must start at 0, got " + offsets[0]);
        for (int g = 1; g < offsets.length; g++)
            if (offsets[g] < offsets[g - 1])
                throw new IllegalArgumentException("group offsets must be non-decreasing: offsets[" + g + "]=" + offsets[g] + " < offsets[" + (g - 1) + "]=" + offsets[g - 1]);
        int m = offsets.length - 1;
        if (weights == null || weights.length != m)
            throw new IllegalArgumentException("need one weight per group: " + m + " groups, " + (weights == null ? 0 : weights.length) + " weights");
        for (int g = 0; g < m; g++)
            if (!(weights[g] >= 0) || Double.isInfinite(weights[g]))
                throw new IllegalArgumentException("group weight " + g + " must be finite and >= 0, got " + weights[g]);
    }

    /** The default weights √p_g. */
    public static double[] sqrtSizeWeights(int[] offsets) {
        double[] w = new double[offsets.length - 1];
        for (int g = 0; g < w.length; g++) w[g] = Math.sqrt(offsets[g + 1] - offsets[g]);
        return w;
    }

    /** Offsets of the groups of consecutive equal ids, e.g. ids {1,1,2,3,3} give {0,2,3,5}. Ids must be contiguous. */
    public static int[] offsetsFromIds(int[] ids) {
        int[] off = new int[ids.length + 1];
        int m = 0;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < ids.length; i++) {
            if (i == 0 || ids[i] != ids[i - 1]) {
                if (!seen.add(ids[i]))
                    throw new IllegalArgumentException("group id " + ids[i] + " at feature " + (i + 1) + " is not contiguous with its earlier members");
                off[m++] = i;
            }
        }
        off[m] = ids.length;
        return Arrays.copyOf(off, m + 1);
    }

    public final Context context() {
        return owner;
    }

    public final int groupCount() {
        return offsets.length - 1;
    }

    /** Total number of coordinates covered: {@code offsets[m]}. */
    public final int size() {
        return offsets[offsets.length - 1];
    }

    public final int[] offsets() {
        return offsets.clone();
    }

    public final double[] weights() {
        return weights.clone();
    }

    /** Direct access for backends (do not modify). */
    protected final int[] offsetsRef() {
        return offsets;
    }

    protected final double[] weightsRef() {
        return weights;
    }

    public final boolean isClosed() {
        return res.isReleased();
    }

    public final void checkOpen() {
        if (res.isReleased()) throw new IllegalStateException("group index (" + groupCount() + " groups) used after close");
        owner.checkOpen();
    }

    /** Frees the device copy; idempotent. */
    @Override
    public final void close() {
        res.close();
    }

    /** Called once by the backend's constructor: the action that frees the device copy (handle only). */
    protected final void releaseWith(Runnable action) {
        res.releaseWith(Objects.requireNonNull(action, "action"));
    }

    final void track(Set<Resource> live, String what) {
        res.describe(what);
        res.arm(live);
    }
}
