package io.github.spred4j.io;

import io.github.spred4j.data.Compressed;
import io.github.spred4j.data.CsrMatrix;
import io.github.spred4j.data.MemoryBudget;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * SciPy sparse matrices saved by {@code scipy.sparse.save_npz} (a zip of .npy members: {@code format} 'csr',
 * 'csc' or 'coo', {@code shape}, and {@code indptr}/{@code indices}/{@code data} or {@code row}/{@code col}/{@code data}),
 * compressed or not. The result is CSR with sorted column indices: unsorted input is sorted by two counting sorts,
 * CSC is transposed once; nothing is densified. Duplicate entries (scipy allows them and adds them up) are an
 * error naming the row and column: sum them before saving ({@code m.sum_duplicates()}).
 */
public final class Npz {
    private Npz() {
    }

    /** Whether the bytes start a zip archive ("PK\3\4"; an empty archive starts "PK\5\6"). */
    static boolean looksLike(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5) && (head[3] == 4 || head[3] == 6);
    }

    public static CsrMatrix read(Path file) throws IOException {
        InputFormatException.requireNotDirectory(file);
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw InputFormatException.of(file, "no such file");
        } catch (ZipException | java.io.EOFException e) {
            throw InputFormatException.of(file, "not a valid .npz (zip) archive: " + describe(e));
        }
        try (zip) {
            if (zip.getEntry("format.npy") == null) {
                // numpy.savez / savez_compressed of dense arrays: say so instead of "no format.npy"
                java.util.List<String> members = new java.util.ArrayList<>();
                try {
                    zip.stream().limit(8).forEach(z -> members.add(z.getName()));
                } catch (IllegalArgumentException e) { // the JDK decodes entry names as UTF-8 and throws on bad bytes
                    throw InputFormatException.of(file, "corrupt .npz (zip) archive: an entry name is not valid UTF-8");
                }
                throw InputFormatException.of(file, "not a scipy.sparse.save_npz matrix (no format.npy; the archive holds "
                        + String.join(", ", members) + "): for dense arrays from numpy.savez, save X and y each with numpy.save as .npy");
            }
            String format;
            try (NpyEntry f = NpyEntry.open(file, zip, "format.npy", "scipy.sparse.save_npz writes the format")) {
                format = f.string().strip();
            }
            long[] shape;
            try (NpyEntry s = NpyEntry.open(file, zip, "shape.npy", "scipy.sparse.save_npz writes the shape")) {
                shape = s.vector(2, "the matrix shape").longs();
            }
            for (int d = 0; d < 2; d++)
                if (shape[d] < 0 || shape[d] > MemoryBudget.MAX_ARRAY)
                    throw InputFormatException.of(file, "shape.npy: dimension " + shape[d] + " is out of range [0, 2^31-9]");
            int rows = (int) shape[0], cols = (int) shape[1];
            return switch (format) {
                case "csr" -> compressed(file, zip, rows, cols, true);
                case "csc" -> compressed(file, zip, rows, cols, false);
                case "coo" -> coordinates(file, zip, rows, cols);
                default -> throw InputFormatException.of(file, "format.npy: sparse format '" + Numbers.abbreviate(format)
                        + "' is not read (csr, csc or coo; convert with m.tocsr())");
            };
        } catch (ZipException | java.io.EOFException e) {
            throw InputFormatException.of(file, "corrupt .npz (zip) archive: " + describe(e));
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e instanceof java.io.EOFException ? "unexpected end of file" : e.getClass().getSimpleName();
    }

    /** CSR (major = rows) or CSC (major = columns) members, validated, then sorted into CSR. */
    private static CsrMatrix compressed(Path file, ZipFile zip, int rows, int cols, boolean csr) throws IOException {
        int nMajor = csr ? rows : cols, nMinor = csr ? cols : rows;
        String major = csr ? "row" : "column", minor = csr ? "column" : "row";
        long[] ptr;
        try (NpyEntry e = NpyEntry.open(file, zip, "indptr.npy", "a " + (csr ? "csr" : "csc") + " matrix has offsets")) {
            ptr = e.vector(nMajor + 1L, major + "s+1 offsets").longs();
        }
        if (ptr[0] != 0) throw InputFormatException.of(file, "indptr.npy: the first offset is " + ptr[0] + ", expected 0");
        for (int a = 0; a < nMajor; a++)
            if (ptr[a + 1] < ptr[a])
                throw InputFormatException.of(file, "indptr.npy: offsets decrease at " + major + " " + a + " (" + ptr[a] + " then " + ptr[a + 1] + ")");
        long nnz = ptr[nMajor];
        if (nnz > MemoryBudget.MAX_ARRAY) throw InputFormatException.of(file, "indptr.npy: " + nnz + " nonzeros; a host array holds at most 2^31-9");
        String need = MemoryBudget.shortfall(2 * CsrMatrix.bytes(Math.max(rows, cols), nnz), "reading " + rows + "x" + cols + " with " + nnz + " nonzeros");
        if (need != null) throw InputFormatException.of(file, need);
        int[] idx;
        try (NpyEntry e = NpyEntry.open(file, zip, "indices.npy", "a compressed matrix has indices")) {
            idx = e.vector(nnz, "one " + minor + " index per nonzero, indptr[-1] = " + nnz).indices(nMinor, minor + " index");
        }
        double[] val;
        try (NpyEntry e = NpyEntry.open(file, zip, "data.npy", "the values")) {
            val = e.vector(nnz, "one value per nonzero, indptr[-1] = " + nnz).doubles();
        }
        // Transposing sorts: CSC -> CSR once; CSR with unsorted indices -> CSC -> CSR.
        if (csr && sorted(nMajor, ptr, idx)) return check(file, rows, cols, ptr, idx, val);
        long[] tp = new long[nMinor + 1];
        int[] ti = new int[(int) nnz];
        double[] tv = new double[(int) nnz];
        Compressed.transpose(nMajor, nMinor, ptr, idx, val, tp, ti, tv);
        if (!csr) return check(file, rows, cols, tp, ti, tv);
        java.util.Arrays.fill(ptr, 0);
        Compressed.transpose(nMinor, nMajor, tp, ti, tv, ptr, idx, val);
        return check(file, rows, cols, ptr, idx, val);
    }

    private static CsrMatrix coordinates(Path file, ZipFile zip, int rows, int cols) throws IOException {
        int[] r, c;
        double[] v;
        long nnz;
        try (NpyEntry e = NpyEntry.open(file, zip, "row.npy", "a coo matrix has row indices")) {
            nnz = e.vector(-1, "row indices").count;
            String need = MemoryBudget.shortfall(3 * CsrMatrix.bytes(rows, nnz), "reading " + rows + "x" + cols + " with " + nnz + " nonzeros");
            if (need != null) throw InputFormatException.of(file, need);
            r = e.indices(rows, "row index");
        }
        try (NpyEntry e = NpyEntry.open(file, zip, "col.npy", "a coo matrix has column indices")) {
            c = e.vector(nnz, "one column index per row index").indices(cols, "column index");
        }
        try (NpyEntry e = NpyEntry.open(file, zip, "data.npy", "the values")) {
            v = e.vector(nnz, "one value per entry").doubles();
        }
        long[] cp = new long[cols + 1];
        int[] ri = new int[(int) nnz];
        double[] cv = new double[(int) nnz];
        Compressed.scatter(cols, r, c, v, (int) nnz, cp, ri, cv);
        long[] rp = new long[rows + 1];
        Compressed.transpose(cols, rows, cp, ri, cv, rp, r, v); // reuse the coordinate arrays for the CSR
        return check(file, rows, cols, rp, r, v);
    }

    private static boolean sorted(int nMajor, long[] ptr, int[] idx) {
        for (int a = 0; a < nMajor; a++)
            for (long k = ptr[a] + 1; k < ptr[a + 1]; k++)
                if (idx[(int) k] <= idx[(int) k - 1]) return false;
        return true;
    }

    private static CsrMatrix check(Path file, int rows, int cols, long[] rp, int[] ci, double[] v) {
        long dup = Compressed.firstDuplicate(rows, rp, ci);
        if (dup >= 0)
            throw InputFormatException.of(file, "duplicate entry at row " + (Compressed.majorOf(rp, dup) + 1) + ", column " + (ci[(int) dup] + 1)
                    + " (1-based; scipy adds duplicates up: call m.sum_duplicates() before save_npz)");
        return new CsrMatrix(rows, cols, rp, ci, v);
    }
}
