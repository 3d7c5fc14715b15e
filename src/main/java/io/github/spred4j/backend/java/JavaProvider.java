package io.github.spred4j.backend.java;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.BackendProvider;

import java.util.List;

/** Offers the java backend to {@link io.github.spred4j.api.Backends} (META-INF/services). */
public final class JavaProvider implements BackendProvider {
    @Override
    public List<Backend> backends() {
        return List.of(new JavaBackend());
    }
}
