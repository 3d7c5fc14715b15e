package io.github.spred4j.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invalid UTF-8 and hostile text in messages (fuzz findings of issue 6): the error names the right line and is one line. */
class Utf8InputTest {
    @TempDir
    Path dir;

    /** Header, {@code good} numeric rows, then a row holding the byte 0xFF. */
    private Path csvWithBadByteAfter(int good) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("a,b\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < good; i++) b.writeBytes((i + ",1.5\n").getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(new byte[] {'7', ',', (byte) 0xff, '\n', '1', ',', '2', '\n'});
        Path f = dir.resolve("bad" + good + ".csv");
        Files.write(f, b.toByteArray());
        return f;
    }

    @Test
    void csvNamesTheLineOfTheBadByteSmallAndBeyondTheBuffer() throws IOException {
        for (int good : new int[] {0, 2, 5000}) {       // 5000 rows: well past the 8 KiB read buffer
            Path f = csvWithBadByteAfter(good);
            InputFormatException e = assertThrows(InputFormatException.class, () -> Csv.read(f));
            assertEquals(good + 2, e.line(), e.getMessage());
            assertTrue(e.getMessage().contains("invalid UTF-8"), e.getMessage());
        }
    }

    @Test
    void lineReadersNameTheLineOfTheBadByte() throws IOException {
        Path g = dir.resolve("groups.txt");
        Files.write(g, new byte[] {'1', '\n', '2', '\n', (byte) 0xc3, '\n'});
        assertEquals(3, assertThrows(InputFormatException.class, () -> GroupFile.read(g, 0)).line());
        Path s = dir.resolve("x.svm");
        Files.write(s, new byte[] {'1', ' ', '1', ':', '2', '\n', '0', ' ', (byte) 0xe2, (byte) 0x28, '\n'});
        assertEquals(2, assertThrows(InputFormatException.class, () -> LibSvm.read(s, 0)).line());
    }

    @Test
    void validUtf8StillReads() throws IOException {
        Path f = dir.resolve("u.csv");
        Files.writeString(f, "\uFEFFgröße,\"naïve 😀\"\n1,2\n", StandardCharsets.UTF_8);
        Csv.Table t = Csv.read(f);
        assertEquals("größe", t.names()[0]);
        assertEquals("naïve 😀", t.names()[1]);
    }

    @Test
    void quotedInputIsOnePrintableBoundedLine() throws IOException {
        Path f = dir.resolve("q.csv");
        Files.writeString(f, "a\n\"x\r\ny\u2028z\u0000" + "w".repeat(5000) + "\"\n", StandardCharsets.UTF_8);
        String m = assertThrows(InputFormatException.class, () -> Csv.read(f)).getMessage();
        assertFalse(m.chars().anyMatch(c -> Character.isISOControl(c) || c == 0x2028), m);
        assertTrue(m.length() < 400, m);
        assertTrue(m.contains("x\\r\\ny\\u2028z\\u0000w"), m);
        String long1 = InputFormatException.oneLine("q".repeat(1000), 50);
        assertEquals(50, long1.length());
        assertTrue(long1.endsWith("..."));
        assertEquals("ok", InputFormatException.oneLine("ok", 50));
    }

    @Test
    void npyShapeOverflowIsAnInputError() throws IOException {
        Path f = dir.resolve("big.npy");
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }";
        String header = dict + " ".repeat((64 - (10 + dict.length() + 1) % 64) % 64) + "\n";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0});
        b.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        Files.write(f, b.toByteArray());
        String m = assertThrows(InputFormatException.class, () -> Npy.read(f)).getMessage();
        assertTrue(m.contains("more than 2^31 elements"), m);
    }
}
