/**
 * The API that solvers, the CLI and adapters see: {@link io.github.spred4j.api.Backends} (discovery and choice),
 * {@link io.github.spred4j.api.Backend}, {@link io.github.spred4j.api.Context} (allocation and the kernels),
 * {@link io.github.spred4j.api.DeviceBuffer}, {@link io.github.spred4j.api.GroupIndex} and the hyper-parameter
 * records.
 *
 * <h2>Thread safety</h2>
 * <ul>
 *   <li>{@link io.github.spred4j.api.Backends} and every {@link io.github.spred4j.api.Backend}: thread-safe. Discovery
 *       probes once, lazily, under a lock; any thread may call {@code open()} at any time.</li>
 *   <li>{@link io.github.spred4j.api.Context}, {@link io.github.spred4j.api.DeviceBuffer},
 *       {@link io.github.spred4j.api.GroupIndex}: <b>not</b> thread-safe. Use one context per thread, and use a
 *       context's buffers and group indexes only from the thread that uses the context (hand them over with the
 *       usual happens-before, e.g. through an executor, never share them concurrently). Separate contexts, even on
 *       the same backend and device, may run at the same time on separate threads and give exactly the results
 *       they give one at a time (ConcurrentContextsTest).</li>
 *   <li>The hyper-parameter records ({@link io.github.spred4j.api.SgdParams} and the others) are immutable.</li>
 * </ul>
 *
 * <h2>Resources</h2>
 * Contexts, buffers and group indexes are {@link java.lang.AutoCloseable}: close them (try-with-resources).
 * Closing twice is harmless, closing a context closes what it still owns, and any use after close throws
 * {@link java.lang.IllegalStateException}. One dropped without {@code close()} is freed by a
 * {@link java.lang.ref.Cleaner} and reported as a warning on the {@code System.Logger} named
 * {@code io.github.spred4j}; {@code -Dspred4j.trackAllocations=true} adds where it was allocated. A context tracks
 * its buffers weakly, so this also happens while the context stays open.
 *
 * <h2>Validation</h2>
 * Every public operation checks its arguments in Java (open, owner, precision, lengths, offsets, group arrays,
 * shapes, finite scalars) before any native or driver call; arrays passed in are copied or read, never modified.
 * Device and driver failures are {@link io.github.spred4j.api.DeviceException}s naming the call, the code and the
 * sizes. NaN and infinities in the data are not rejected by the kernels: they propagate to the outputs and the
 * reductions (a fit that diverges cannot look finite); detecting them is the solver's job.
 */
package io.github.spred4j.api;
