package io.github.spred4j.backend.cuda;

import io.github.spred4j.backend.ConformanceTest;

/** The CUDA kernels against the float64 reference; skips with the reason where there is no CUDA device. */
class CudaConformanceTest extends ConformanceTest {
    @Override
    protected String backendName() {
        return "cuda";
    }
}
