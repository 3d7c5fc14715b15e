package io.github.spred4j.backend.nativecpu;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.BackendProvider;

import java.util.List;

/** Offers the native backend to {@link io.github.spred4j.api.Backends} (META-INF/services). */
public final class NativeProvider implements BackendProvider {
    @Override
    public List<Backend> backends() {
        return List.of(new NativeBackend());
    }
}
