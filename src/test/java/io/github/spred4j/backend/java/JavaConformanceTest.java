package io.github.spred4j.backend.java;

import io.github.spred4j.backend.ConformanceTest;

/** The reference against itself in float32 storage: checks the harness and the reference's float32 rounding. */
class JavaConformanceTest extends ConformanceTest {
    @Override
    protected String backendName() {
        return "java";
    }
}
