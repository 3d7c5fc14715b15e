package io.github.spred4j.backend.cuda;

/**
 * How a {@link CudaContext} launches the kernels that have numbered variants: chosen once, when the context is
 * opened ({@link CudaBackend#open(CudaLaunch)}), and fixed for its life. {@link #DEFAULT} is what
 * {@link CudaBackend#open()} uses; CudaBench opens contexts with the others to time them (style.md: keep the
 * numbered variants with their measurements, ship the winner).
 *
 * @param matVariant the variant of mat_t_vec and loss_gradient (kernels/cuda/mat_t_vec.cu, loss_gradient.cu):
 *                   1 = 64-row tiles; 2 = shared-memory row tiles where a tile of at least 8 rows fits
 *                   (else variant 1 runs)
 * @param tiledRows  the tile height of variant 2; 0 = the tallest of {@link CudaContext#TILED_ROWS} that fits
 * @param waves      waves of resident blocks per element-wise launch (1 = every block resident at once)
 */
public record CudaLaunch(int matVariant, int tiledRows, int waves) {
    /** Variant 2 with the tile height chosen by size, one wave: the measured winner on the H200 (docs/PERFORMANCE.md). */
    public static final CudaLaunch DEFAULT = new CudaLaunch(2, 0, 1);

    public CudaLaunch {
        if (matVariant != 1 && matVariant != 2)
            throw new IllegalArgumentException("matVariant must be 1 or 2, got " + matVariant);
        if (tiledRows < 0 || tiledRows > 1024) throw new IllegalArgumentException("tiledRows must be in [0, 1024], got " + tiledRows);
        if (waves < 1) throw new IllegalArgumentException("waves must be >= 1, got " + waves);
    }
}
