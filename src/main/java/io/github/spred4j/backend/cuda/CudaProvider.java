package io.github.spred4j.backend.cuda;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.BackendProvider;
import io.github.spred4j.api.Backends;

import java.util.List;

/**
 * Offers cuda to {@link Backends} (META-INF/services). This class links no JCuda type: without the JCuda jar,
 * loading {@link CudaBackend} fails inside {@link #backends()} and cuda is reported unavailable with the reason.
 */
public final class CudaProvider implements BackendProvider {
    @Override
    public List<Backend> backends() {
        try {
            return List.of(new CudaBackend());
        } catch (LinkageError e) {
            return List.of(Backends.unavailable("cuda", "cuda", Backends.bindingFailure(e)));
        }
    }
}
