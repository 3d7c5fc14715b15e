package io.github.spred4j.io;

import io.github.spred4j.data.MemoryBudget;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One {@code .npy} array inside an {@code .npz} archive, streamed: the header is parsed on opening, the data read
 * in chunks straight into the primitive array the caller asks for. Messages name the archive and the member
 * ({@code x.npz: indices.npy: ...}). Numeric dtypes: float32/64, signed and unsigned integers, bool; byte and
 * unicode strings only as a scalar (the {@code format} member).
 */
final class NpyEntry implements AutoCloseable {
    final Path file;
    final String name;
    final long[] shape;
    final long count;
    private final char kind;
    private final int item;
    private final ByteOrder order;
    private final InputStream in;

    private NpyEntry(Path file, String name, long[] shape, long count, char kind, int item, ByteOrder order, InputStream in) {
        this.file = file;
        this.name = name;
        this.shape = shape;
        this.count = count;
        this.kind = kind;
        this.item = item;
        this.order = order;
        this.in = in;
    }

    InputFormatException error(String what) {
        return InputFormatException.of(file, name + ": " + what);
    }

    /** Opens member {@code name} (e.g. "indices.npy") and reads its header; a missing member is an error naming it. */
    static NpyEntry open(Path file, ZipFile zip, String name, String why) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) throw InputFormatException.of(file, "no " + name + " in the archive (" + why + ")");
        InputStream in = new BufferedInputStream(zip.getInputStream(e), 1 << 16);
        try {
            byte[] pre = in.readNBytes(10);
            if (pre.length < 10 || !Arrays.equals(Arrays.copyOf(pre, 6), Npy.MAGIC))
                throw InputFormatException.of(file, name + ": not a .npy array (bad magic bytes)");
            int major = pre[6] & 0xff;
            long headerLen;
            if (major == 1) headerLen = (pre[8] & 0xff) | (pre[9] & 0xff) << 8;
            else if (major == 2 || major == 3) {
                byte[] more = in.readNBytes(2);
                if (more.length < 2) throw InputFormatException.of(file, name + ": truncated .npy preamble");
                headerLen = ByteBuffer.wrap(new byte[]{pre[8], pre[9], more[0], more[1]}).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
            } else throw InputFormatException.of(file, name + ": unsupported .npy format version " + major);
            if (headerLen > 1 << 20) throw InputFormatException.of(file, name + ": implausible .npy header length " + headerLen);
            byte[] hb = in.readNBytes((int) headerLen);
            if (hb.length < headerLen) throw InputFormatException.of(file, name + ": truncated .npy header");
            String header = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Matcher m = Npy.DESCR.matcher(header);
            Matcher f = Npy.FORTRAN.matcher(header);
            Matcher s = Npy.SHAPE.matcher(header);
            if (!m.find() || !f.find() || !s.find())
                throw InputFormatException.of(file, name + ": bad .npy header " + InputFormatException.oneLine(header.strip(), 120));
            String descr = m.group(1);
            long[] shape = Npy.parseShape(file, s.group(1));
            if (descr.length() < 3 || "<>|=".indexOf(descr.charAt(0)) < 0)
                throw InputFormatException.of(file, name + ": unsupported dtype '" + Numbers.abbreviate(descr) + "'");
            ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : descr.charAt(0) == '<' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.nativeOrder();
            char kind = descr.charAt(1);
            int item;
            try {
                item = Integer.parseInt(descr.substring(2));
            } catch (NumberFormatException ex) {
                throw InputFormatException.of(file, name + ": unsupported dtype '" + Numbers.abbreviate(descr) + "'");
            }
            boolean ok = switch (kind) {
                case 'f' -> item == 4 || item == 8;
                case 'i', 'u' -> item == 1 || item == 2 || item == 4 || item == 8;
                case 'b' -> item == 1;
                case 'S', 'U' -> item >= 1 && item <= 64 && shape.length == 0;
                default -> false;
            };
            if (!ok) throw InputFormatException.of(file, name + ": unsupported dtype '" + Numbers.abbreviate(descr) + "'");
            if (kind == 'U') item *= 4;
            long count = 1;
            for (long d : shape) {
                if (d > MemoryBudget.MAX_ARRAY || count * d > MemoryBudget.MAX_ARRAY)
                    throw InputFormatException.of(file, name + ": shape " + Npy.shapeString(shape) + " has more than 2^31-9 elements");
                count *= d;
            }
            if (shape.length == 2 && !f.group(1).equals("False") && shape[0] > 1 && shape[1] > 1)
                throw InputFormatException.of(file, name + ": expected a 1-D array, found shape " + Npy.shapeString(shape));
            return new NpyEntry(file, name, shape, count, kind, item, order, in);
        } catch (IOException | RuntimeException ex) {
            in.close();
            throw ex;
        }
    }

    /** Requires a 1-D array (or 2-D with one row or column) of {@code expected} elements (-1: any). */
    NpyEntry vector(long expected, String what) {
        boolean oneD = shape.length == 1 || (shape.length == 2 && (shape[0] == 1 || shape[1] == 1));
        if (!oneD) throw error("expected a 1-D array (" + what + "), found shape " + Npy.shapeString(shape));
        if (expected >= 0 && count != expected) throw error("has " + count + " elements, expected " + expected + " (" + what + ")");
        if (kind == 'S' || kind == 'U') throw error("expected numbers (" + what + "), found a string dtype");
        return this;
    }

    /** Bytes this entry's data takes as the Java array the caller will read it into. */
    long bytesAs(int javaItem) {
        return count * javaItem;
    }

    /** The scalar string of a {@code |S} or {@code <U} dtype (scipy's format member). */
    String string() throws IOException {
        if (kind != 'S' && kind != 'U') throw error("expected a string, found a numeric dtype");
        byte[] b = readData(item);
        String s = kind == 'S' ? new String(b, StandardCharsets.ISO_8859_1)
                : new String(b, order == ByteOrder.BIG_ENDIAN ? "UTF-32BE" : "UTF-32LE");
        int z = s.indexOf('\0');
        return z >= 0 ? s.substring(0, z) : s;
    }

    long[] longs() throws IOException {
        if (kind == 'f' || kind == 'b') throw error("expected integers, found a " + (kind == 'f' ? "float" : "bool") + " dtype");
        long[] out = new long[(int) count];
        read((k, bb) -> out[k] = integer(bb));
        return out;
    }

    /** Integers that must lie in [0, bound): the first one outside is an error naming its position. */
    int[] indices(int bound, String what) throws IOException {
        if (kind == 'f' || kind == 'b') throw error("expected integers, found a " + (kind == 'f' ? "float" : "bool") + " dtype");
        int[] out = new int[(int) count];
        read((k, bb) -> {
            long v = integer(bb);
            if (v < 0 || v >= bound) throw error(what + " " + v + " at position " + k + " is out of range [0, " + bound + ")");
            out[k] = (int) v;
        });
        return out;
    }

    /** Finite values as float64: the first NaN/Inf is an error naming its position. */
    double[] doubles() throws IOException {
        double[] out = new double[(int) count];
        read((k, bb) -> {
            double v = switch (kind) {
                case 'f' -> item == 8 ? bb.getDouble() : bb.getFloat();
                case 'b' -> bb.get() != 0 ? 1 : 0;
                default -> integer(bb);
            };
            if (!Double.isFinite(v)) throw error("non-finite value " + v + " at position " + k + " (NaN/Inf are not allowed)");
            out[k] = v;
        });
        return out;
    }

    private long integer(ByteBuffer bb) {
        long v = switch (item) {
            case 1 -> bb.get();
            case 2 -> bb.getShort();
            case 4 -> bb.getInt();
            default -> bb.getLong();
        };
        if (kind == 'u') {
            if (item == 1) v &= 0xff;
            else if (item == 2) v &= 0xffff;
            else if (item == 4) v &= 0xffffffffL;
            else if (v < 0) throw error("unsigned value above 2^63");
        }
        return v;
    }

    private interface Sink {
        void take(int k, ByteBuffer bb);
    }

    private void read(Sink sink) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate((1 << 16) / item * item).order(order);
        int k = 0;
        while (k < count) {
            int want = (int) Math.min(bb.capacity(), (count - k) * item);
            int got = in.readNBytes(bb.array(), 0, want);
            if (got < want) throw error("truncated: the header promises " + count + " elements, the data ends after " + (k + got / item));
            bb.clear().limit(want);
            for (int i = 0; i < want / item; i++) sink.take(k++, bb);
        }
        if (in.read() >= 0) throw error("more data than the header's shape " + Npy.shapeString(shape) + " describes");
    }

    private byte[] readData(int bytes) throws IOException {
        byte[] b = in.readNBytes(bytes);
        if (b.length < bytes) throw error("truncated data");
        return b;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
