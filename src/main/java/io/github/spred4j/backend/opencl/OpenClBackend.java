package io.github.spred4j.backend.opencl;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Context;

/** Placeholder until the OpenCL backend lands: reports itself unavailable. */
public final class OpenClBackend implements Backend {
    private final boolean gpu;

    private OpenClBackend(boolean gpu) {
        this.gpu = gpu;
    }

    public static OpenClBackend gpu() {
        return new OpenClBackend(true);
    }

    public static OpenClBackend cpu() {
        return new OpenClBackend(false);
    }

    @Override
    public String name() {
        return gpu ? "opencl-gpu" : "opencl-cpu";
    }

    @Override
    public String family() {
        return "opencl";
    }

    @Override
    public boolean isAvailable() {
        return false;
    }

    @Override
    public String unavailableReason() {
        return "not implemented in this build";
    }

    @Override
    public String deviceName() {
        return "-";
    }

    @Override
    public Context open() {
        throw new IllegalStateException("backend " + name() + " is unavailable: " + unavailableReason());
    }
}
