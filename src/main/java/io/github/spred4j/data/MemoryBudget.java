package io.github.spred4j.data;

import java.util.Locale;

/**
 * Up-front memory checks: before an array of known size is allocated, compare what it needs with what the Java
 * heap can still give, so a too-large input is refused with one line naming the amount and how to raise it,
 * instead of an {@link OutOfMemoryError} half-way through.
 */
public final class MemoryBudget {
    private MemoryBudget() {
    }

    /** Bytes the heap can still grow into: the maximum (-Xmx) less what is in use now. */
    public static long availableHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * Null when {@code bytes} fit the heap, else the sentence that says they do not (garbage is collected once
     * before refusing, so only live data counts). {@code what} names the need, e.g. "the CSR copy of X".
     */
    public static String shortfall(long bytes, String what) {
        if (bytes <= availableHeap()) return null;
        System.gc();
        long free = availableHeap();
        if (bytes <= free) return null;
        return message(bytes, what, free, Runtime.getRuntime().maxMemory());
    }

    /** The refusal sentence with the heap as it is now (after an allocation of {@code bytes} failed). */
    public static String message(long bytes, String what) {
        return message(bytes, what, availableHeap(), Runtime.getRuntime().maxMemory());
    }

    /** The refusal sentence for given numbers (pure; the tests call it directly). */
    static String message(long bytes, String what, long free, long max) {
        long suggest = roundUpGiB(max - free + bytes + bytes / 4);
        return String.format(Locale.ROOT, "%s needs %s of memory but the Java heap has %s free (maximum %s): "
                + "raise the maximum, e.g. JAVA_OPTS=-Xmx%dg", what, human(bytes), human(Math.max(free, 0)), human(max), suggest);
    }

    private static long roundUpGiB(long bytes) {
        return Math.max(1, (bytes + (1L << 30) - 1) >> 30);
    }

    /** "18.0 MB", "8.00 GB" (powers of 1024, as -Xmx reads them). */
    public static String human(long bytes) {
        if (bytes < 1024) return bytes + " B";
        String[] unit = {"KB", "MB", "GB", "TB", "PB", "EB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < unit.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, unit[u]);
    }

    /** Largest element count of one Java array (the VM reserves a few header words). */
    public static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
}
