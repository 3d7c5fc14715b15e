package io.github.spred4j.backend.opencl;

import io.github.spred4j.api.Backend;
import io.github.spred4j.backend.ConformanceTest;
import org.junit.jupiter.api.BeforeAll;

import static org.junit.jupiter.api.Assertions.fail;

/** The conformance harness on the OpenCL CPU device (PoCL here and in CI, where skipping is an error). */
class OpenClCpuConformanceTest extends ConformanceTest {
    @Override
    protected String backendName() {
        return "opencl-cpu";
    }

    @BeforeAll
    void mustRunInCi() {
        Backend b = backend();
        if (!b.isAvailable() && System.getenv("CI") != null)
            fail("CI must run the OpenCL tests on PoCL, but opencl-cpu is unavailable: " + b.unavailableReason());
    }
}
