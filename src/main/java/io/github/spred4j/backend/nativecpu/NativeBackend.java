package io.github.spred4j.backend.nativecpu;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Context;

/** Placeholder until the native backend lands: reports itself unavailable. */
public final class NativeBackend implements Backend {
    @Override
    public String name() {
        return "native";
    }

    @Override
    public String family() {
        return "native";
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
        throw new IllegalStateException("backend native is unavailable: " + unavailableReason());
    }
}
