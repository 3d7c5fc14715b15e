package io.github.spred4j.api;

import java.util.List;

/**
 * A backend package's entry in {@code META-INF/services/io.github.spred4j.api.BackendProvider}: {@link Backends}
 * finds every backend through {@link java.util.ServiceLoader}, so {@code api} names no backend class and a new
 * backend is one package plus one line in that file.
 *
 * <p>A provider class must load without its device binding (JOCL, JCuda): it refers to the backend's classes only
 * inside {@link #backends()}, which catches a {@link LinkageError} and returns {@link Backends#unavailable}
 * stand-ins naming the reason, so discovery never throws.
 */
public interface BackendProvider {
    /** The backends this provider offers, available or not. Never throws. */
    List<Backend> backends();
}
