package io.github.spred4j.api;

/** Element type of a device buffer. Every kernel exists in both precisions. */
public enum Precision {
    FLOAT32(4),
    FLOAT64(8);

    private final int bytes;

    Precision(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Parses "float32"/"f32"/"float" or "float64"/"f64"/"double" (case-insensitive). */
    public static Precision parse(String s) {
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "float32": case "f32": case "float": case "single": return FLOAT32;
            case "float64": case "f64": case "double": return FLOAT64;
            default: throw new IllegalArgumentException("unknown precision '" + s + "' (expected float32 or float64)");
        }
    }
}
