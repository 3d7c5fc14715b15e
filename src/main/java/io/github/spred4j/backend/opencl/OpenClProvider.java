package io.github.spred4j.backend.opencl;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.BackendProvider;
import io.github.spred4j.api.Backends;

import java.util.List;

/**
 * Offers opencl-gpu and opencl-cpu to {@link Backends} (META-INF/services). This class links no JOCL type: without
 * the JOCL jar, loading {@link OpenClBackend} fails inside {@link #backends()} and both are reported unavailable
 * with the reason.
 */
public final class OpenClProvider implements BackendProvider {
    @Override
    public List<Backend> backends() {
        try {
            return List.of(OpenClBackend.gpu(), OpenClBackend.cpu());
        } catch (LinkageError e) {
            String why = Backends.bindingFailure(e);
            return List.of(Backends.unavailable("opencl-gpu", "opencl", why), Backends.unavailable("opencl-cpu", "opencl", why));
        }
    }
}
