package io.github.spred4j.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Compressed inputs (R's write.csv to a gzfile, data.table's .csv.gz, a LibSVM download left as .bz2) are refused
 * in one line that names the compression and the command to undo it; read as text they gave "invalid UTF-8 byte
 * sequence" (CSV) or were taken for CSV and failed with "no response" (LibSVM).
 */
class CompressedInputTest {
    @TempDir
    Path dir;

    private Path gz(String name, String text) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Path f = dir.resolve(name);
        Files.write(f, b.toByteArray());
        return f;
    }

    private static void refused(Path f, String how, org.junit.jupiter.api.function.Executable e) {
        InputFormatException ex = assertThrows(InputFormatException.class, e);
        String m = ex.getMessage();
        assertTrue(m.startsWith(f + ": " + how + "-compressed"), m);
        assertTrue(m.contains(f.getFileName().toString() + ")"), "names the file in the command: " + m);
        assertFalse(m.contains("\n"), m);
    }

    @Test
    void gzipAndOtherCompressedFilesAreNamedAsSuch() throws IOException {
        Path csv = gz("X.csv.gz", "a,b,y\n1,2,3\n4,5,6\n");
        refused(csv, "gzip", () -> Csv.read(csv));
        refused(csv, "gzip", () -> DataLoader.load(csv, null, "y"));
        Path svm = gz("train.svm.gz", "1 1:0.5 3:2\n0 2:1\n");
        refused(svm, "gzip", () -> DataLoader.detect(svm));
        refused(svm, "gzip", () -> LibSvm.read(svm, 0));
        Path named = gz("train.svm", "1 1:0.5 3:2\n0 2:1\n");          // the extension says LibSVM, the bytes say gzip
        refused(named, "gzip", () -> LibSvm.read(named, 0));
        Path mtx = gz("X.mtx", "%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 1\n");
        refused(mtx, "gzip", () -> MatrixMarket.read(mtx));
        Path fold = gz("foldid.txt", "1\n2\n");
        refused(fold, "gzip", () -> FoldIdFile.read(fold, 2));
        Path bz = dir.resolve("news20.binary.bz2");
        Files.write(bz, new byte[]{'B', 'Z', 'h', '9', '1', 'A', 'Y', '&'});
        refused(bz, "bzip2", () -> DataLoader.detect(bz));
        Path xz = dir.resolve("X.csv.xz");
        Files.write(xz, new byte[]{(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 0, 4});
        refused(xz, "xz", () -> Csv.read(xz));
        Path zst = dir.resolve("lambda.txt");
        Files.write(zst, new byte[]{0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0});
        refused(zst, "zstd", () -> LambdaFile.read(zst));
        // plain text that merely starts like one of them is read as text
        Path plain = dir.resolve("BZh.csv");
        Files.writeString(plain, "BZh,y\n1,2\n3,4\n");
        assertEquals(2, Csv.read(plain).rows());
    }
}
