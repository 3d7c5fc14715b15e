package io.github.spred4j.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes a result file so that an interrupted run never leaves half of it: the content goes to a temporary
 * file in the same directory (same file system, so the rename is atomic), which then replaces the target.
 */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Writes bytes produced by {@code body}. */
    @FunctionalInterface
    public interface StreamBody {
        void write(OutputStream out) throws IOException;
    }

    /** Writes text produced by {@code body}. */
    @FunctionalInterface
    public interface TextBody {
        void write(BufferedWriter out) throws IOException;
    }

    /**
     * Writes {@code target} atomically. A failure to create, write or rename the file is an IOException whose
     * message names the target (not the temporary); the body's own IOExceptions pass through unchanged.
     */
    public static void write(Path target, StreamBody body) throws IOException {
        try {
            doWrite(target, body);
        } catch (BodyFailure e) {
            throw e.cause;
        }
    }

    /** Carries an exception of the body past the wrapping of file-system errors. */
    private static final class BodyFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final IOException cause;

        BodyFailure(IOException cause) {
            super(cause);
            this.cause = cause;
        }
    }

    private static IOException cannotWrite(Path target, IOException e) {
        String why = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                : e instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return new IOException("cannot write " + target + ": " + why, e);
    }

    private static void doWrite(Path target, StreamBody body) throws IOException, BodyFailure {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        try {
            if (dir != null) Files.createDirectories(dir);
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
        // not Files.createTempFile: that makes the file 0600, and the result should get the usual umask permissions
        Path tmp = null;
        OutputStream first = null;
        for (int attempt = 0; first == null; attempt++) {
            tmp = dir.resolve("." + abs.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
            try {
                first = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) throw cannotWrite(target, e);
            } catch (IOException e) {
                throw cannotWrite(target, e);
            }
        }
        boolean done = false;
        try {
            try (OutputStream out = first) {
                try {
                    body.write(out);
                } catch (IOException e) {
                    throw new BodyFailure(e);
                }
            } catch (IOException e) {
                throw cannotWrite(target, e); // close (flush) failed: disk full, quota
            }
            try {
                try {
                    Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw cannotWrite(target, e);
            }
            done = true;
        } finally {
            if (!done) Files.deleteIfExists(tmp);
        }
    }

    public static void writeText(Path target, TextBody body) throws IOException {
        write(target, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            body.write(w);
            w.flush();
        });
    }
}
