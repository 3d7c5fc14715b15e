package io.github.spred4j.io;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Files users hand over that no reader here takes: R's saveRDS/save, Python's pickle/joblib, Parquet, Feather/Arrow,
 * Excel, HDF5, MATLAB. Each is refused in one line naming what wrote it and how to write a file that is read, instead
 * of a decompression hint (an .rds is gzip inside) or a CSV error on binary bytes.
 */
final class ForeignFormats {
    private ForeignFormats() {
    }

    /** Throws when the name or the first bytes say the file is one of the formats above. */
    static void refuse(Path file, byte[] head) {
        String what = byName(file.getFileName().toString().toLowerCase(Locale.ROOT));
        if (what == null) what = byContent(head);
        if (what != null) throw InputFormatException.of(file, what);
    }

    private static final String R = "an R object file (saveRDS/save) is not read: write X with write.csv(X, f) (or data.table::fwrite), "
            + "a dgCMatrix with Matrix::writeMM(X, f), and y with writeLines(as.character(y), f)";
    private static final String PY = "a Python pickle is not read: save arrays with numpy.save (dense) or scipy.sparse.save_npz (sparse)";

    private static String byName(String n) {
        if (n.endsWith(".rds") || n.endsWith(".rdata") || n.endsWith(".rda")) return R;
        if (n.endsWith(".pkl") || n.endsWith(".pickle") || n.endsWith(".joblib")) return PY;
        if (n.endsWith(".parquet")) return "Parquet is not read: write CSV (pandas to_csv, arrow::write_csv_arrow) or .npy";
        if (n.endsWith(".feather") || n.endsWith(".arrow")) return "Feather/Arrow is not read: write CSV (pandas to_csv, write.csv) or .npy";
        if (n.endsWith(".xlsx") || n.endsWith(".xls")) return "an Excel workbook is not read: save the sheet as CSV";
        if (n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".h5ad")) return "HDF5 is not read: write .npy (numpy.save) or CSV";
        if (n.endsWith(".mat")) return "a MATLAB .mat file is not read: write .npy (numpy.save) or MatrixMarket (scipy.io.mmwrite)";
        return null;
    }

    private static String byContent(byte[] h) {
        // R's serialisation, uncompressed: "RDX2\n"/"RDX3\n" (save), "X\n" + version 2 or 3 (saveRDS, XDR)
        if (starts(h, "RDX2\n") || starts(h, "RDX3\n") || starts(h, "RDA2\n") || starts(h, "RDA3\n")) return R;
        if (h.length >= 6 && h[0] == 'X' && h[1] == '\n' && h[2] == 0 && h[3] == 0 && h[4] == 0 && (h[5] == 2 || h[5] == 3)) return R;
        if (h.length >= 2 && (h[0] & 0xff) == 0x80 && h[1] >= 2 && h[1] <= 5) return PY;   // pickle protocol 2-5
        if (starts(h, "PAR1")) return "Parquet is not read: write CSV (pandas to_csv, arrow::write_csv_arrow) or .npy";
        if (starts(h, "ARROW1")) return "Feather/Arrow is not read: write CSV (pandas to_csv, write.csv) or .npy";
        if (h.length >= 4 && (h[0] & 0xff) == 0x89 && h[1] == 'H' && h[2] == 'D' && h[3] == 'F') return "HDF5 is not read: write .npy (numpy.save) or CSV";
        if (starts(h, "MATLAB 5.0 MAT-file")) return "a MATLAB .mat file is not read: write .npy (numpy.save) or MatrixMarket (scipy.io.mmwrite)";
        return null;
    }

    private static boolean starts(byte[] h, String magic) {
        if (h.length < magic.length()) return false;
        for (int i = 0; i < magic.length(); i++) if (h[i] != magic.charAt(i)) return false;
        return true;
    }
}
