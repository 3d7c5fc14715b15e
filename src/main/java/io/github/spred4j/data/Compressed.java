package io.github.spred4j.data;

/**
 * What CSR and CSC share, written once with "major" for the compressed dimension (rows of CSR, columns of CSC)
 * and "minor" for the indexed one: validation, the transpose between the two forms, and the pieces the readers
 * use to sort what a file gives them.
 */
public final class Compressed {
    private Compressed() {
    }

    /**
     * Entries (major[k], minor[k], val[k]) for k &lt; count, in any order, scattered to the compressed form of the
     * minor dimension (a stable counting sort; indices must already be in range). Transposing the result once
     * more gives the major form with sorted indices: {@code coordinates -> CSC -> CSR} is how the readers sort.
     */
    public static void scatter(int nMinor, int[] major, int[] minor, double[] val, int count, long[] outPtr, int[] outIdx, double[] outVal) {
        for (int k = 0; k < count; k++) outPtr[minor[k] + 1]++;
        for (int i = 0; i < nMinor; i++) outPtr[i + 1] += outPtr[i];
        long[] next = java.util.Arrays.copyOf(outPtr, nMinor);
        for (int k = 0; k < count; k++) {
            int dst = (int) next[minor[k]]++;
            outIdx[dst] = major[k];
            outVal[dst] = val[k];
        }
    }

    /** The first entry k whose index equals the one before it in the same major (a duplicate), or -1. */
    public static long firstDuplicate(int nMajor, long[] ptr, int[] idx) {
        for (int a = 0; a < nMajor; a++)
            for (long k = ptr[a] + 1; k < ptr[a + 1]; k++)
                if (idx[(int) k] == idx[(int) k - 1]) return k;
        return -1;
    }

    /** The major that holds entry k (binary search over the offsets). */
    public static int majorOf(long[] ptr, long k) {
        int lo = 0, hi = ptr.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (ptr[mid] <= k) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    static void validate(String form, String major, String minor, int nMajor, int nMinor, long[] ptr, int[] idx, double[] val) {
        if (nMajor < 0 || nMinor < 0) throw new IllegalArgumentException(form + " shape must be >= 0, got " + major + "s=" + nMajor + ", " + minor + "s=" + nMinor);
        if (ptr == null || idx == null || val == null) throw new IllegalArgumentException(form + " arrays must not be null");
        if (ptr.length != nMajor + 1L)
            throw new IllegalArgumentException(form + " " + major + " offsets have length " + ptr.length + ", expected " + major + "s+1 = " + (nMajor + 1L));
        if (ptr[0] != 0) throw new IllegalArgumentException(form + " " + major + " offsets must start at 0, got " + ptr[0]);
        long nnz = ptr[nMajor];
        if (idx.length != nnz || val.length != nnz)
            throw new IllegalArgumentException(form + " has " + nnz + " nonzeros by its offsets but " + idx.length + " indices and " + val.length + " values");
        for (int a = 0; a < nMajor; a++) {
            long lo = ptr[a], hi = ptr[a + 1];
            if (hi < lo) throw new IllegalArgumentException(form + " " + major + " offsets decrease at " + major + " " + a + ": " + lo + " then " + hi);
            int last = -1;
            for (long k = lo; k < hi; k++) {
                int i = idx[(int) k];
                if (i < 0 || i >= nMinor)
                    throw new IllegalArgumentException(form + " " + minor + " index " + i + " out of range [0, " + nMinor + ") in " + major + " " + a);
                if (i <= last)
                    throw new IllegalArgumentException(form + " " + minor + " indices must increase within a " + major + ": " + i + " after " + last + " in " + major + " " + a
                            + (i == last ? " (duplicate entry)" : ""));
                if (!Double.isFinite(val[(int) k]))
                    throw new IllegalArgumentException(form + " value at " + major + " " + a + ", " + minor + " " + i + " is not finite: " + val[(int) k]);
                last = i;
            }
        }
    }

    /**
     * The transpose by a stable counting sort on the minor index: entry (a, i) goes to (i, a). Scanning the majors
     * in order makes the output's minor indices increase, so the result is sorted even when the input's indices
     * within a major are not (the readers use this to sort). {@code outPtr} has nMinor+1 zeros on entry.
     */
    public static void transpose(int nMajor, int nMinor, long[] ptr, int[] idx, double[] val, long[] outPtr, int[] outIdx, double[] outVal) {
        long nnz = ptr[nMajor];
        for (long k = 0; k < nnz; k++) outPtr[idx[(int) k] + 1]++;
        for (int i = 0; i < nMinor; i++) outPtr[i + 1] += outPtr[i];
        long[] next = java.util.Arrays.copyOf(outPtr, nMinor);
        for (int a = 0; a < nMajor; a++)
            for (long k = ptr[a]; k < ptr[a + 1]; k++) {
                int i = idx[(int) k];
                int dst = (int) next[i]++;
                outIdx[dst] = a;
                outVal[dst] = val[(int) k];
            }
    }
}
