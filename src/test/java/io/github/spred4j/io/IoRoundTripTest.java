package io.github.spred4j.io;

import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class IoRoundTripTest {
    @TempDir
    Path dir;

    private static double[] random(int n, long seed, double zeroFrac) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextDouble() < zeroFrac ? 0 : r.nextGaussian() * Math.pow(10, r.nextInt(9) - 4);
        return v;
    }

    @ParameterizedTest(name = "npy float32={0} fortran={1} bigEndian={2}")
    @CsvSource({"false,false,false", "false,true,false", "true,false,false", "true,true,false", "false,false,true", "true,true,true"})
    void npy2dRoundTrip(boolean f32, boolean fortran, boolean big) throws IOException {
        int n = 37, p = 5;
        double[] x = random(n * p, 1, 0.2);
        Path f = dir.resolve("x.npy");
        Npy.write(f, x, n, p, f32, fortran, big);
        Npy.Array a = Npy.read(f);
        assertArrayEquals(new int[]{n, p}, a.shape());
        for (int k = 0; k < x.length; k++) {
            double want = f32 ? (double) (float) x[k] : x[k];
            assertEquals(want, a.data()[k], 0.0, "element " + k);
        }
    }

    @Test
    void npy1dAndFileSizeMatchesHeaderAlignment() throws IOException {
        double[] y = random(11, 2, 0);
        Path f = dir.resolve("y.npy");
        Npy.write(f, y, 11, -1, false, false, false);
        assertEquals(0, (Files.size(f) - 11 * 8) % 64, "header padded to 64 bytes as NumPy does");
        Npy.Array a = Npy.read(f);
        assertArrayEquals(new int[]{11}, a.shape());
        assertArrayEquals(y, a.data(), 0.0);
    }

    /** Hand-built v2 and v3 headers and integer dtypes, as NumPy writes them. */
    @ParameterizedTest(name = "version {0} descr {1}")
    @CsvSource({"2,<i4", "3,<i8", "1,>i4", "2,<f8"})
    void npyVersionsAndIntegers(int version, String descr) throws IOException {
        int rows = 3, cols = 2;
        long[] vals = {1, -2, 3, 400, -5, 6};
        int item = Integer.parseInt(descr.substring(2));
        ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (3, 2), }";
        int pre = version == 1 ? 10 : 12;
        int pad = (64 - (pre + dict.length() + 1) % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(pre + header.length() + rows * cols * item);
        b.order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
        if (version == 1) b.putShort((short) header.length());
        else b.putInt(header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        b.order(order);
        for (long v : vals) {
            if (descr.charAt(1) == 'f') b.putDouble(v);
            else if (item == 8) b.putLong(v);
            else b.putInt((int) v);
        }
        Path f = dir.resolve("i.npy");
        Files.write(f, b.array());
        Npy.Array a = Npy.read(f);
        assertArrayEquals(new int[]{rows, cols}, a.shape());
        for (int k = 0; k < vals.length; k++) assertEquals(vals[k], a.data()[k], 0.0);
    }

    @Test
    void csvRoundTripWithQuotedNamesAndTarget() throws IOException {
        int n = 20;
        String[] names = {"a", "b,with comma", "say \"hi\"", "y"};
        double[] data = random(n * names.length, 3, 0.3);
        Path f = dir.resolve("d.csv");
        Csv.write(f, names, n, data);
        Csv.Table t = Csv.read(f);
        assertArrayEquals(names, t.names());
        assertArrayEquals(data, t.data(), 0.0);
        Dataset d = DataLoader.load(f, null, "y");
        assertEquals(n, d.n());
        assertEquals(3, d.p());
        assertArrayEquals(new String[]{"a", "b,with comma", "say \"hi\""}, d.names());
        for (int i = 0; i < n; i++) {
            assertEquals(data[i * 4 + 3], d.y()[i], 0.0);
            assertEquals(data[i * 4 + 1], d.x()[i * 3 + 1], 0.0);
        }
    }

    @Test
    void csvQuotedNewlineAndCrlf() throws IOException {
        Path f = dir.resolve("q.csv");
        Files.writeString(f, "\uFEFF\"multi\nline\",b\r\n1,2\r\n\r\n 3 , \"4\"\r\n");
        Csv.Table t = Csv.read(f);
        assertArrayEquals(new String[]{"multi\nline", "b"}, t.names());
        assertArrayEquals(new double[]{1, 2, 3, 4}, t.data(), 0.0);
    }

    @Test
    void libsvmRoundTripDenseAndSparse() throws IOException {
        int n = 15, p = 7;
        double[] x = random(n * p, 4, 0.6);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = i % 2;
        Path f = dir.resolve("d.svm");
        LibSvm.write(f, Dataset.dense(n, p, x, y, null));
        Dataset d = LibSvm.read(f, p);
        assertTrue(d.isSparse());
        assertArrayEquals(y, d.y(), 0.0);
        double[] back = new double[n * p];
        for (int i = 0; i < n; i++)
            for (int k = d.rowPtr()[i]; k < d.rowPtr()[i + 1]; k++) back[i * p + d.colIdx()[k]] = d.values()[k];
        assertArrayEquals(x, back, 0.0);
        // and through the loader, sparse -> write -> read again
        Dataset viaLoader = DataLoader.load(f, null, null);
        Path g = dir.resolve("again.libsvm");
        LibSvm.write(g, viaLoader);
        assertEquals(Files.readString(f), Files.readString(g));
    }

    @Test
    void libsvmCommentsQidAndBlankLines() throws IOException {
        Path f = dir.resolve("c.txt");
        Files.writeString(f, "# header comment\n+1 qid:3 2:0.5 10:-1e-3 # trailing\n\n-1 1:2\n");
        assertEquals(DataLoader.Format.LIBSVM, DataLoader.detect(f));
        Dataset d = DataLoader.load(f, null, null);
        assertEquals(2, d.n());
        assertEquals(10, d.p());
        assertArrayEquals(new double[]{1, -1}, d.y(), 0.0);
        assertArrayEquals(new int[]{0, 2, 3}, d.rowPtr());
        assertArrayEquals(new int[]{1, 9, 0}, d.colIdx());
        assertArrayEquals(new double[]{0.5, -1e-3, 2}, d.values(), 0.0);
    }

    @Test
    void coefRoundTripIsExactAndZerosAreLiteralZero() throws IOException {
        double[] beta = {0.0, -0.0, 1.5, 1e-300, -123456.789, 3, Math.PI, 0};
        String[] names = {"x1", "b m i", "a,b", "\"q\"", "x5", "x6", "x7", "x8"};
        Path f = dir.resolve("coef.csv");
        CoefFile.write(f, -2.25, names, beta);
        String text = Files.readString(f);
        assertTrue(text.startsWith("name,value\n(Intercept),-2.25\nx1,0\nb m i,0\n\"a,b\",1.5\n"), text);
        assertTrue(text.endsWith("x8,0\n"), text);
        CoefFile.Coefficients c = CoefFile.read(f);
        assertEquals(-2.25, c.intercept(), 0.0);
        assertArrayEquals(names, c.names());
        for (int j = 0; j < beta.length; j++) assertEquals(beta[j] == 0 ? 0.0 : beta[j], c.beta()[j], 0.0);
        assertEquals(0, Files.list(dir).filter(p -> p.getFileName().toString().endsWith(".tmp")).count(), "no temp files left");
    }

    @Test
    void groupsAndYFormats() throws IOException {
        Path g = dir.resolve("G.txt");
        GroupFile.write(g, new int[]{1, 1, 2, 3, 3, 3});
        assertArrayEquals(new int[]{1, 1, 2, 3, 3, 3}, GroupFile.read(g, 6));
        Path y1 = dir.resolve("y.txt");
        Files.writeString(y1, "1.5\n-2\n\n3e2\n");
        assertArrayEquals(new double[]{1.5, -2, 300}, DataLoader.readY(y1, null), 0.0);
        Path y2 = dir.resolve("y.csv");
        Files.writeString(y2, "resp\n1\n2\n3\n");
        assertArrayEquals(new double[]{1, 2, 3}, DataLoader.readY(y2, null), 0.0);
        Path y3 = dir.resolve("y.npy");
        Npy.write(y3, new double[]{4, 5, 6}, 3, 1, false, false, false);
        assertArrayEquals(new double[]{4, 5, 6}, DataLoader.readY(y3, null), 0.0);
    }

    @Test
    void interruptedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path f = dir.resolve("out.csv");
        Files.writeString(f, "old\n");
        IOException boom = assertThrows(IOException.class, () -> AtomicFiles.writeText(f, w -> {
            w.write("half of the new content");
            throw new IOException("interrupted");
        }));
        assertEquals("interrupted", boom.getMessage());
        assertEquals("old\n", Files.readString(f));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "only the target remains");
        }
        AtomicFiles.writeText(f, w -> w.write("new\n"));
        assertEquals("new\n", Files.readString(f));
        if (f.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f), "the umask's permissions, as a plain write gives");
        }
    }

    @Test
    void numbersFormatRoundTrips() {
        Random r = new Random(9);
        for (int i = 0; i < 10000; i++) {
            double v = Double.longBitsToDouble(r.nextLong());
            if (!Double.isFinite(v)) continue;
            assertEquals(v == 0 ? 0.0 : v, Numbers.parse(Numbers.format(v), null, 1, 1, null), 0.0);
        }
        assertEquals("0", Numbers.format(-0.0));
        assertEquals("3", Numbers.format(3.0));
    }
}
