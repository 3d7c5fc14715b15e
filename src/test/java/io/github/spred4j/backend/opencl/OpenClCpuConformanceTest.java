package io.github.spred4j.backend.opencl;

import io.github.spred4j.backend.ConformanceTest;

/** The conformance harness on the OpenCL CPU device (PoCL here and in CI, where skipping is an error). */
class OpenClCpuConformanceTest extends ConformanceTest {
    @Override
    protected String backendName() {
        return "opencl-cpu";
    }
}
