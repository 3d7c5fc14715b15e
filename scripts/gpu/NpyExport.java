import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a shared/data set (NAME.X.f64, NAME.y.f64, NAME.json) as X.npy and y.npy, so the GPU check can run the CLI
 * on real data without Python: {@code java NpyExport shared/data/datasets/NAME OUTDIR}.
 */
public final class NpyExport {
    public static void main(String[] a) throws IOException {
        String base = a[0];
        Path out = Path.of(a[1]);
        byte[] y = Files.readAllBytes(Path.of(base + ".y.f64"));
        byte[] x = Files.readAllBytes(Path.of(base + ".X.f64"));
        int n = y.length / 8, p = x.length / 8 / n;
        write(out.resolve("X.npy"), "(" + n + ", " + p + ")", x);
        write(out.resolve("y.npy"), "(" + n + ",)", y);
    }

    static void write(Path f, String shape, byte[] data) throws IOException {
        String h = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + h.length() + 1;
        int pad = (64 - total % 64) % 64;
        h = h + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + h.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes()).put((byte) 1).put((byte) 0).putShort((short) h.length());
        b.put(h.getBytes()).put(data);
        Files.write(f, b.array());
    }
}
