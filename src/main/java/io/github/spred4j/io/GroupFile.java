package io.github.spred4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** Group files: one integer group id per feature, one per line, in feature order; blank lines and {@code #} comments skipped,
 * an optional header line and R's or pandas' row names too ({@link Lines}). */
public final class GroupFile {
    private GroupFile() {
    }

    /** Reads the ids; {@code features > 0} requires exactly that many. */
    public static int[] read(Path file, int features) throws IOException {
        int[] ids = new int[64];
        int k = 0;
        // a header line ("groups", R's write.csv of the vector) and R's or pandas' row names are skipped as in the other one-value files
        try (Lines.Values in = new Lines.Values(file, "group id", Lines::isHeader)) {
            for (String line; (line = in.next()) != null; ) {
                int id;
                try {
                    id = Integer.parseInt(line);
                } catch (NumberFormatException e) {
                    throw new InputFormatException(file, in.lineNo, in.column, "group id '" + Numbers.abbreviate(line) + "' is not an integer (one integer per line)");
                }
                if (k == ids.length) ids = Arrays.copyOf(ids, k * 2);
                ids[k++] = id;
            }
        }
        if (k == 0) throw InputFormatException.of(file, "empty file (expected one group id per feature)");
        if (features > 0 && k != features)
            throw InputFormatException.of(file, k + " group ids but X has " + features + " columns (one id per feature)");
        return Arrays.copyOf(ids, k);
    }

    public static void write(Path file, int[] ids) throws IOException {
        AtomicFiles.writeText(file, w -> {
            for (int id : ids) w.write(id + "\n");
        });
    }
}
