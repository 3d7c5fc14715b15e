package io.github.spred4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files (format versions 1, 2 and 3). Reads float32/float64 in either byte order, and
 * int32/int64 (converted to double), C or Fortran order, 1-D or 2-D. The header is checked against the file
 * size, so a truncated file or a header that lies about the shape is an {@link InputFormatException}.
 */
public final class Npy {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * An array read from a file: {@code shape} as stored (length 1 or 2), values in C (row-major) order.
     * For 1-D arrays rows() is the length and cols() is 1.
     */
    public record Array(int[] shape, double[] data, String dtype, String[] text) {
        public Array(int[] shape, double[] data, String dtype) {
            this(shape, data, dtype, null);
        }

        public int rows() {
            return shape[0];
        }

        public int cols() {
            return shape.length == 1 ? 1 : shape[1];
        }

        /** "(442, 10)" */
        public String shapeString() {
            return Npy.shapeString(shape);
        }
    }

    static String shapeString(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) sb.append(i == 0 ? "" : ", ").append(shape[i]);
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    static String shapeString(int[] shape) {
        return shapeString(Arrays.stream(shape).asLongStream().toArray());
    }

    public static Array read(Path file) throws IOException {
        return read(file, false);
    }

    /**
     * As {@link #read(Path)}; with {@code textAllowed} a 1-D array of strings ({@code np.save} of text labels: numpy's
     * {@code '<U…'} or {@code '|S…'}) is read into {@link Array#text()} (its {@code data} then NaN), for a binomial
     * response. Without it such an array is a one-line error, as is an object array (pickled).
     */
    public static Array read(Path file, boolean textAllowed) throws IOException {
        InputFormatException.requireNotDirectory(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, pre, 0);
            if (pre.position() < 10) throw InputFormatException.of(file, "not a .npy file: only " + size + " bytes");
            pre.flip();
            byte[] magic = new byte[6];
            pre.get(magic);
            if (!Arrays.equals(magic, MAGIC)) throw InputFormatException.of(file, "not a .npy file (bad magic bytes)");
            int major = pre.get() & 0xff;
            pre.get(); // minor
            long headerLen;
            int prefix;
            if (major == 1) {
                headerLen = pre.getShort() & 0xffff;
                prefix = 10;
            } else if (major == 2 || major == 3) {
                if (pre.remaining() < 4) throw InputFormatException.of(file, "truncated .npy preamble");
                headerLen = pre.getInt() & 0xffffffffL;
                prefix = 12;
            } else {
                throw InputFormatException.of(file, "unsupported .npy format version " + major + " (expected 1, 2 or 3)");
            }
            if (prefix + headerLen > size)
                throw InputFormatException.of(file, "truncated .npy header: it claims " + headerLen + " bytes but the file has " + size + " bytes");
            if (headerLen > 1 << 20) throw InputFormatException.of(file, "implausible .npy header length " + headerLen);
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            readFully(ch, hb, prefix);
            String header = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);

            Matcher m = DESCR.matcher(header);
            if (!m.find()) throw InputFormatException.of(file, "bad .npy header (no 'descr'): " + quoteHeader(header));
            String descr = m.group(1);
            m = FORTRAN.matcher(header);
            if (!m.find()) throw InputFormatException.of(file, "bad .npy header (no 'fortran_order'): " + quoteHeader(header));
            boolean fortran = m.group(1).equals("True");
            m = SHAPE.matcher(header);
            if (!m.find()) throw InputFormatException.of(file, "bad .npy header (no 'shape'): " + quoteHeader(header));
            long[] shape = parseShape(file, m.group(1));

            ByteOrder order;
            char kind;
            int item;
            if (descr.length() >= 2 && descr.charAt(1) == 'O')
                throw InputFormatException.of(file, "an object array ('" + descr + "', pickled) is not read: save numbers, or text labels as np.asarray(y, dtype=str)");
            if (descr.length() < 3) throw InputFormatException.of(file, "unsupported dtype '" + descr + "'");
            switch (descr.charAt(0)) {
                case '<': order = ByteOrder.LITTLE_ENDIAN; break;
                case '>': order = ByteOrder.BIG_ENDIAN; break;
                case '|': case '=': order = ByteOrder.nativeOrder(); break;
                default: throw InputFormatException.of(file, "unsupported dtype '" + descr + "'");
            }
            kind = descr.charAt(1);
            try {
                item = Integer.parseInt(descr.substring(2));
            } catch (NumberFormatException e) {
                throw InputFormatException.of(file, "unsupported dtype '" + descr + "'");
            }
            boolean text = kind == 'U' || kind == 'S';
            if (text && !textAllowed)
                throw InputFormatException.of(file, "a text array ('" + descr + "') where numbers are expected (a response of two text labels is read with --loss logistic)");
            if (text && (shape.length == 2 && shape[0] > 1 && shape[1] > 1 || item == 0))
                throw InputFormatException.of(file, "a text array of shape " + shapeString(shape) + ": expected one label per row (1-D)");
            int width = kind == 'U' ? 4 * item : item;   // bytes per element: numpy's '<U n' holds n UTF-32 code points
            // numpy's bool, signed and unsigned integers of every width (labels and counts are often saved so)
            boolean ok = text || (kind == 'f' && (item == 4 || item == 8)) || ((kind == 'i' || kind == 'u') && (item == 1 || item == 2 || item == 4 || item == 8))
                    || (kind == 'b' && item == 1);
            if (!ok)
                throw InputFormatException.of(file, "unsupported dtype '" + descr + "' (expected float32/float64 '<f4' '<f8', an integer '<i1'..'<i8' '<u1'..'<u8', or bool '|b1')");
            if (shape.length == 0 || shape.length > 2)
                throw InputFormatException.of(file, "expected a 1-D or 2-D array, found shape " + shapeString(shape));
            // Each dimension and the product must fit a Java array (a shape like (2^62, 4) overflows a long).
            long count = 1;
            boolean tooMany = false;
            for (long s : shape) {
                if (s > Integer.MAX_VALUE - 8) tooMany = true;
                else if (!tooMany) count *= s;   // both factors < 2^31 here, so no overflow
                if (count > Integer.MAX_VALUE - 8) tooMany = true;
            }
            if (tooMany)
                throw InputFormatException.of(file, "array of shape " + shapeString(shape) + " has more than 2^31 elements (or a dimension beyond 2^31)");
            long expected = count * width;
            long actual = size - prefix - headerLen;
            if (actual != expected)
                throw InputFormatException.of(file, "header says shape " + shapeString(shape) + " of '" + descr + "' = " + expected
                        + " data bytes, but the file holds " + actual + (actual < expected ? " (truncated file or lying header)" : " (header does not describe the file)"));

            int n = (int) count;
            if (text) return new Array(Arrays.stream(shape).mapToInt(v -> (int) v).toArray(), nans(n), descr,
                    strings(ch, prefix + headerLen, n, width, kind == 'U', order));
            String need = io.github.spred4j.data.MemoryBudget.shortfall((fortran ? 16L : 8L) * n, "reading shape " + shapeString(shape) + " as float64");
            if (need != null) throw InputFormatException.of(file, need);
            double[] flat = new double[n];
            ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(order);
            long pos = prefix + headerLen;
            int k = 0;
            while (k < n) {
                buf.clear();
                int want = (int) Math.min(buf.capacity() / item * (long) item, (long) (n - k) * item);
                buf.limit(want);
                readFully(ch, buf, pos);
                if (buf.position() != want) throw InputFormatException.of(file, "file shrank while reading");
                pos += want;
                buf.flip();
                int cnt = want / item;
                if (kind == 'f' && item == 8) for (int i = 0; i < cnt; i++) flat[k++] = buf.getDouble();
                else if (kind == 'f') for (int i = 0; i < cnt; i++) flat[k++] = buf.getFloat();
                else if (kind == 'b') for (int i = 0; i < cnt; i++) flat[k++] = buf.get() != 0 ? 1 : 0;
                else if (kind == 'u') for (int i = 0; i < cnt; i++) flat[k++] = unsigned(buf, item);
                else if (item == 8) for (int i = 0; i < cnt; i++) flat[k++] = buf.getLong();
                else if (item == 4) for (int i = 0; i < cnt; i++) flat[k++] = buf.getInt();
                else if (item == 2) for (int i = 0; i < cnt; i++) flat[k++] = buf.getShort();
                else for (int i = 0; i < cnt; i++) flat[k++] = buf.get();
            }
            int[] ishape = Arrays.stream(shape).mapToInt(s -> (int) s).toArray();
            if (fortran && ishape.length == 2 && ishape[0] > 1 && ishape[1] > 1) {
                int r = ishape[0], c = ishape[1];
                double[] cOrder = new double[n];
                for (int j = 0; j < c; j++) for (int i = 0; i < r; i++) cOrder[i * c + j] = flat[j * r + i];
                flat = cOrder;
            }
            return new Array(ishape, flat, descr);
        } catch (NoSuchFileException e) {
            throw new InputFormatException(file, 0, 0, "no such file");
        }
    }

    private static double[] nans(int n) {
        double[] d = new double[n];
        Arrays.fill(d, Double.NaN);
        return d;
    }

    /** n fixed-width strings (UTF-32 code points or bytes), trailing NULs removed, as numpy pads them. */
    private static String[] strings(FileChannel ch, long pos, int n, int width, boolean utf32, ByteOrder order) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(n, width)).order(order);
        readFully(ch, b, pos);
        b.flip();
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < width / (utf32 ? 4 : 1); c++) {
                int cp = utf32 ? b.getInt() : b.get() & 0xff;
                if (cp != 0 && Character.isValidCodePoint(cp)) sb.appendCodePoint(cp);
            }
            out[i] = sb.toString();
        }
        return out;
    }

    /** The header as quoted in a message: one printable line, cut to 120 characters. */
    private static String quoteHeader(String header) {
        return InputFormatException.oneLine(header.strip(), 120);
    }

    static long[] parseShape(Path file, String s) {
        String[] parts = s.split(",");
        long[] out = new long[parts.length];
        int k = 0;
        for (String part : parts) {
            String t = part.strip();
            if (t.endsWith("L")) t = t.substring(0, t.length() - 1);
            if (t.isEmpty()) continue;
            try {
                out[k] = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw InputFormatException.of(file, "bad shape in .npy header: (" + InputFormatException.oneLine(s, 80) + ")");
            }
            if (out[k] < 0) throw InputFormatException.of(file, "negative dimension in .npy shape (" + InputFormatException.oneLine(s, 80) + ")");
            k++;
        }
        return Arrays.copyOf(out, k);
    }

    /** An unsigned integer of {@code item} bytes as a double (uint64 above 2^63 included). */
    private static double unsigned(ByteBuffer buf, int item) {
        switch (item) {
            case 1: return buf.get() & 0xff;
            case 2: return buf.getShort() & 0xffff;
            case 4: return buf.getInt() & 0xffffffffL;
            default: {
                long v = buf.getLong();
                return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
            }
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int r = ch.read(b, pos);
            if (r < 0) break;
            pos += r;
        }
    }

    /**
     * Writes a 1-D ({@code cols < 0}) or 2-D array given in C order, as float64 or float32, in C or Fortran
     * order, version 1 header, atomically.
     */
    public static void write(Path file, double[] cOrderData, int rows, int cols, boolean float32, boolean fortran, boolean bigEndian) throws IOException {
        long count = cols < 0 ? rows : (long) rows * cols;
        if (count != cOrderData.length)
            throw new IllegalArgumentException("data has " + cOrderData.length + " values, shape needs " + count);
        String descr = (bigEndian ? ">" : "<") + (float32 ? "f4" : "f8");
        String shape = cols < 0 ? "(" + rows + ",)" : "(" + rows + ", " + cols + ")";
        String dict = String.format(Locale.ROOT, "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }", descr, fortran ? "True" : "False", shape);
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        int item = float32 ? 4 : 8;
        AtomicFiles.write(file, out -> {
            ByteBuffer pre = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
            pre.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
            out.write(pre.array());
            out.write(header.getBytes(StandardCharsets.ISO_8859_1));
            writeData(out, cOrderData, rows, cols, item, fortran, bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        });
    }

    private static void writeData(OutputStream out, double[] d, int rows, int cols, int item, boolean fortran, ByteOrder order) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1 << 16).order(order);
        int n = d.length;
        for (int k = 0; k < n; k++) {
            int src = k;
            if (fortran && cols > 0) {
                int j = k / rows, i = k % rows;
                src = i * cols + j;
            }
            if (b.remaining() < item) {
                out.write(b.array(), 0, b.position());
                b.clear();
            }
            if (item == 8) b.putDouble(d[src]);
            else b.putFloat((float) d[src]);
        }
        out.write(b.array(), 0, b.position());
    }
}
