/**
 * Data files in and out of spred4j, with no dependency on a backend.
 *
 * <p>Readers: NumPy {@code .npy} ({@link io.github.spred4j.io.Npy}: versions 1–3, float32/float64 in either byte
 * order, int32/int64 converted, C or Fortran order, header checked against the file size), CSV with a header
 * ({@link io.github.spred4j.io.Csv}, RFC 4180 quoting), LibSVM/svmlight ({@link io.github.spred4j.io.LibSvm}, CSR),
 * group files ({@link io.github.spred4j.io.GroupFile}) and coefficient files ({@link io.github.spred4j.io.CoefFile});
 * {@link io.github.spred4j.io.DataLoader} assembles a {@link io.github.spred4j.data.Dataset} from them.
 *
 * <p>Every malformed input raises {@link io.github.spred4j.io.InputFormatException} (an
 * {@link java.lang.IllegalArgumentException}) whose one-line message starts with {@code file:line:column: }
 * (line and column when they apply). NaN, Inf and NA are rejected, never read. Writers go through
 * {@link io.github.spred4j.io.AtomicFiles}: a temporary file in the target's directory, then an atomic rename, so an
 * interrupted run leaves either the old file or the complete new one. Numbers are written in the shortest form that
 * reads back to the same double; exact zeros as {@code 0}. Nothing uses Java serialisation.
 */
package io.github.spred4j.io;
