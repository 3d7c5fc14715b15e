package io.github.spred4j.backend.nativecpu;

import io.github.spred4j.backend.ConformanceTest;

/** The native CPU backend against the float64 reference, both precisions (skips with the reason where unavailable). */
class NativeConformanceTest extends ConformanceTest {
    @Override
    protected String backendName() {
        return "native";
    }
}
