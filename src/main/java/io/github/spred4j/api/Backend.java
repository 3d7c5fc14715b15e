package io.github.spred4j.api;

/**
 * One way of running the kernels on one kind of device. Discovery is lazy and never throws: a backend that
 * cannot run here says why in {@link #unavailableReason()}.
 */
public interface Backend {
    /** Unique name: "cuda", "opencl-gpu", "native", "opencl-cpu" or "java". */
    String name();

    /** The family a user may also choose by: "cuda", "opencl", "native" or "java". */
    String family();

    boolean isAvailable();

    /** Why the backend cannot run here (driver missing, no platform, library failed to load); null when available. */
    String unavailableReason();

    /** The device's name, or a short description of what was probed when unavailable. */
    String deviceName();

    /** Opens a new context on this backend's device; throws {@link IllegalStateException} with the reason when unavailable. */
    Context open();
}
