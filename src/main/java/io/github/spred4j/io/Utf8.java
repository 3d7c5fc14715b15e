package io.github.spred4j.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Strict UTF-8 text input for the readers. The JDK's decoding reader throws on a malformed byte while it fills
 * its buffer, discarding the characters it decoded before it, so the reader's line count would point at an
 * earlier line (line 1 for any file under 8 KiB). This reader hands out every character before the bad bytes
 * first and only then throws, so the caller's line number is the line holding the bad bytes.
 */
final class Utf8 {
    private Utf8() {
    }

    /**
     * Opens a file as strict UTF-8; a missing file is an InputFormatException "no such file", and so is a
     * compressed file (gzip, bzip2, xz, zstd, zip), named with the command that decompresses it: read as text it
     * gave "invalid UTF-8" or, for a LibSVM file, "no response" (it was taken for CSV).
     */
    static BufferedReader open(Path file) throws IOException {
        InputFormatException.requireNotDirectory(file);
        InputStream in;
        try {
            in = new java.io.BufferedInputStream(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            throw InputFormatException.of(file, "no such file");
        }
        in.mark(8);
        byte[] head = in.readNBytes(7);
        in.reset();
        // a UTF-8 byte-order mark (Excel's "CSV UTF-8", pandas' encoding="utf-8-sig", Windows editors) is not data
        if (head.length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) in.skipNBytes(3);
        try {
            requireUncompressed(file, head);
        } catch (InputFormatException e) {
            in.close();
            throw e;
        }
        return new BufferedReader(new StrictReader(in));
    }

    /** Refuses a file whose first bytes name a compression format, with the command that decompresses it. */
    static void requireUncompressed(Path file, byte[] head) {
        if (file != null) ForeignFormats.refuse(file, head);   // an .rds is gzip inside: say what it is instead
        String how = compression(head);
        if (how != null)
            throw InputFormatException.of(file, how + "-compressed; the readers take uncompressed text: decompress it first ("
                    + decompressCommand(how) + " " + file.getFileName() + ")");
    }

    /** The compression format named by a file's first bytes, or null. */
    static String compression(byte[] h) {
        if (h.length >= 2 && (h[0] & 0xff) == 0x1f && (h[1] & 0xff) == 0x8b) return "gzip";
        // bzip2: "BZh", the block size digit, then the first block's magic (a CSV header "BZh,..." is text)
        if (h.length >= 7 && h[0] == 'B' && h[1] == 'Z' && h[2] == 'h' && h[3] >= '1' && h[3] <= '9' && h[4] == '1' && h[5] == 'A' && h[6] == 'Y')
            return "bzip2";
        if (h.length >= 6 && (h[0] & 0xff) == 0xfd && h[1] == '7' && h[2] == 'z' && h[3] == 'X' && h[4] == 'Z' && h[5] == 0) return "xz";
        if (h.length >= 4 && (h[0] & 0xff) == 0x28 && (h[1] & 0xff) == 0xb5 && (h[2] & 0xff) == 0x2f && (h[3] & 0xff) == 0xfd) return "zstd";
        if (h.length >= 4 && h[0] == 'P' && h[1] == 'K' && h[2] == 3 && h[3] == 4) return "zip";
        return null;
    }

    private static String decompressCommand(String how) {
        switch (how) {
            case "gzip": return "gunzip -k";
            case "bzip2": return "bunzip2 -k";
            case "xz": return "unxz -k";
            case "zstd": return "unzstd";
            default: return "unzip";
        }
    }

    /** The InputFormatException for a decoding error at {@code line} (1-based). */
    static InputFormatException malformed(Path file, long line, CharacterCodingException e) {
        return new InputFormatException(file == null ? null : file.toString(), line, 0,
                "invalid UTF-8 byte sequence (the file must be UTF-8 text)", e);
    }

    private static final class StrictReader extends Reader {
        private final InputStream in;
        private final CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteBuffer bytes = ByteBuffer.allocate(8192);
        private boolean eof;
        private boolean flushed;
        private CoderResult pending;   // an error met after some characters were already decoded

        StrictReader(InputStream in) {
            this.in = in;
            bytes.flip();
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            if (len == 0) return 0;
            if (pending != null) pending.throwException();
            if (flushed) return -1;
            CharBuffer out = CharBuffer.wrap(cbuf, off, len);
            while (true) {
                CoderResult cr = dec.decode(bytes, out, eof);
                if (cr.isError()) {
                    if (out.position() > off) {
                        pending = cr;
                        return out.position() - off;
                    }
                    cr.throwException();
                }
                if (cr.isOverflow()) return out.position() - off;
                // underflow: all bytes consumed (or an incomplete sequence waits for more)
                if (eof) {
                    if (!flushed) {
                        cr = dec.flush(out);
                        if (cr.isOverflow()) return out.position() - off;
                        flushed = true;
                    }
                    int n = out.position() - off;
                    return n == 0 ? -1 : n;
                }
                if (out.position() > off && in.available() <= 0) return out.position() - off;
                bytes.compact();
                int r = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (r < 0) eof = true;
                else bytes.position(bytes.position() + r);
                bytes.flip();
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
