package io.github.spred4j.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Coverage-guided fuzzing of the readers (issue 6) with Jazzer: CSV, LibSVM, npy, npz, MatrixMarket, coefficient and group files.
 * Each target writes the fuzzer's bytes to a file and reads it; the only exception a reader may throw for any
 * content is its documented {@link InputFormatException}. Anything else (an IOException such as a charset error,
 * a RuntimeException, an Error such as OutOfMemoryError or StackOverflowError) fails the target and is a bug.
 *
 * <p>In a plain {@code mvn verify} the targets run in regression mode over the seed corpus in
 * {@code src/test/resources/io/github/spred4j/io/ReaderFuzzTestInputs/<target>/} (valid and broken files).
 * scripts/fuzz-readers.sh fuzzes each target for a bounded time ({@code maxDuration}); longer runs are
 * documented there.
 */
class ReaderFuzzTest {
    private static Path dir;

    @BeforeAll
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("spred4j-fuzz-");
    }

    @AfterAll
    static void removeDir() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private interface Reader {
        void read(Path file) throws IOException;
    }

    /** Reads {@code data} as a file named {@code name}; InputFormatException is the documented answer to bad input. */
    private static void read(byte[] data, String name, Reader reader) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, data);
        try {
            reader.read(f);
        } catch (InputFormatException expected) {
            String m = expected.getMessage();
            if (m == null || m.length() > 2000 || m.chars().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029))
                throw new AssertionError("an InputFormatException message must be one printable line of sane length: " + m);
        }
    }

    @FuzzTest(maxDuration = "20s")
    void csv(byte[] data) throws IOException {
        read(data, "x.csv", Csv::read);
    }

    @FuzzTest(maxDuration = "20s")
    void libsvm(byte[] data) throws IOException {
        read(data, "x.svm", f -> LibSvm.read(f, 0));
    }

    @FuzzTest(maxDuration = "20s")
    void npy(byte[] data) throws IOException {
        read(data, "x.npy", Npy::read);
    }

    @FuzzTest(maxDuration = "20s")
    void npz(byte[] data) throws IOException {
        read(data, "x.npz", Npz::read);
    }

    @FuzzTest(maxDuration = "20s")
    void mtx(byte[] data) throws IOException {
        read(data, "x.mtx", MatrixMarket::read);
    }

    @FuzzTest(maxDuration = "20s")
    void coefficients(byte[] data) throws IOException {
        read(data, "coef.csv", CoefFile::read);
    }

    @FuzzTest(maxDuration = "20s")
    void groups(byte[] data) throws IOException {
        read(data, "groups.txt", f -> GroupFile.read(f, 0));
    }

    @FuzzTest(maxDuration = "20s")
    void foldIds(byte[] data) throws IOException {
        read(data, "foldid.txt", f -> FoldIdFile.read(f, 8));
    }

    @FuzzTest(maxDuration = "20s")
    void lambdas(byte[] data) throws IOException {
        read(data, "lambda.txt", LambdaFile::read);
    }
}
