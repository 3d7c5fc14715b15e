package io.github.spred4j.backend.opencl;

import io.github.spred4j.backend.ConformanceTest;

/** The conformance harness on the first OpenCL GPU; skips with the reason where there is none. */
class OpenClGpuConformanceTest extends ConformanceTest {
    @Override
    protected String backendName() {
        return "opencl-gpu";
    }
}
