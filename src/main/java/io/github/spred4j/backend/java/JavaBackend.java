package io.github.spred4j.backend.java;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Context;

/** The float64 pure-Java reference: always available, the oracle every other backend is tested against. */
public final class JavaBackend implements Backend {
    @Override
    public String name() {
        return "java";
    }

    @Override
    public String family() {
        return "java";
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public String unavailableReason() {
        return null;
    }

    @Override
    public String deviceName() {
        return "Java " + System.getProperty("java.version") + " (float64 reference)";
    }

    @Override
    public Context open() {
        return new JavaContext(deviceName());
    }
}
