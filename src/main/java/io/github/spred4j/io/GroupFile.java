package io.github.spred4j.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.Arrays;

/** Group files: one integer group id per feature, one per line, in feature order; blank lines and {@code #} comments skipped. */
public final class GroupFile {
    private GroupFile() {
    }

    /** Reads the ids; {@code features > 0} requires exactly that many. */
    public static int[] read(Path file, int features) throws IOException {
        int[] ids = new int[64];
        int k = 0;
        long lineNo = 0;
        try (BufferedReader in = Utf8.open(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                line = Lines.content(line);
                if (line.isEmpty()) continue;
                int id;
                try {
                    id = Integer.parseInt(line);
                } catch (NumberFormatException e) {
                    throw new InputFormatException(file, lineNo, 1, "group id '" + Numbers.abbreviate(line) + "' is not an integer (one integer per line)");
                }
                if (k == ids.length) ids = Arrays.copyOf(ids, k * 2);
                ids[k++] = id;
            }
        } catch (CharacterCodingException e) {
            throw Utf8.malformed(file, lineNo + 1, e);
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
