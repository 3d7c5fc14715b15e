package io.github.spred4j.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The .npy reader on files written by NumPy itself (src/test/resources/io/github/spred4j/io/numpy, see its
 * PROVENANCE.md): C and Fortran order, little- and big-endian, float32 and float64, header versions 1 and 2. The
 * values are recomputed here from the formula the fixtures were written with; the reader must return the matrix
 * in C (row-major) order whatever the file's layout.
 */
class NpyNumpyFixtureTest {
    static Path fixture(String name) throws URISyntaxException {
        var url = NpyNumpyFixtureTest.class.getResource("numpy/" + name);
        assertNotNull(url, "fixture " + name + " missing from the test resources");
        return Path.of(url.toURI());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"c_f8.npy,false", "fortran_f8.npy,false", "be_f8.npy,false", "v2_fortran_f8.npy,false",
            "fortran_f4.npy,true", "be_fortran_f4.npy,true"})
    void matrixInRowMajorOrder(String name, boolean f32) throws Exception {
        Npy.Array a = Npy.read(fixture(name));
        assertArrayEquals(new int[]{3, 4}, a.shape(), name);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++) {
                double want = i * 4 + j + 0.125 * (j + 1) - 1.0 / 3;
                if (f32) want = (float) want;
                assertEquals(want, a.data()[i * 4 + j], 0.0, name + " element (" + i + ", " + j + ")");
            }
    }

    @Test
    void bigEndianVector() throws IOException, URISyntaxException {
        Npy.Array a = Npy.read(fixture("be_y_f8.npy"));
        assertArrayEquals(new int[]{5}, a.shape());
        for (int i = 0; i < 5; i++) assertEquals(i * 0.75 - 1.5, a.data()[i], 0.0, "element " + i);
    }
}
