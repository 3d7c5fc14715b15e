package io.github.spred4j.backend.cuda;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Context;

/** Placeholder until the cuda backend lands: reports itself unavailable. */
public final class CudaBackend implements Backend {
    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String family() {
        return "cuda";
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
        throw new IllegalStateException("backend cuda is unavailable: " + unavailableReason());
    }
}
