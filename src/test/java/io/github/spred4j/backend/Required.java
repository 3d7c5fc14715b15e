package io.github.spred4j.backend;

import io.github.spred4j.api.Backend;

import java.io.File;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Skips that must not happen in CI. A test that needs a backend or a tool calls {@link #backend} or {@link #tool}:
 * on a developer's machine a missing one skips with the reason; where {@code CI} is set (GitHub Actions sets it,
 * {@code .ci/run} sets it too) a backend or tool that every CI machine has fails the test instead, so a broken
 * native build or a lost PoCL cannot turn the suite green by skipping it.
 */
public final class Required {
    /** Backends every CI machine has: java (always), native (gcc), opencl-cpu (PoCL, installed by .ci/run). */
    public static final Set<String> CI_BACKENDS = Set.of("java", "native", "opencl-cpu");

    /** Opens the backend named {@code name} after {@link #backend}: skipped off CI where it is absent, failed in CI. */
    public static io.github.spred4j.api.Context open(String name) {
        for (Backend be : io.github.spred4j.api.Backends.list())
            if (be.name().equals(name)) {
                backend(be);
                return be.open();
            }
        throw new IllegalArgumentException("no backend named " + name);
    }

    private Required() {
    }

    /** True where the CI environment variable is set to anything but empty or "false". */
    public static boolean ci() {
        String c = System.getenv("CI");
        return c != null && !c.isBlank() && !c.equalsIgnoreCase("false");
    }

    /** Skips (or fails, in CI, for {@link #CI_BACKENDS}) when {@code b} is unavailable. */
    public static void backend(Backend b) {
        if (b.isAvailable()) return;
        String why = b.name() + " unavailable: " + b.unavailableReason();
        if (ci() && CI_BACKENDS.contains(b.name())) fail("CI must run the " + b.name() + " tests, but " + why);
        assumeTrue(false, why);
    }

    /** Skips (or fails, in CI) when {@code condition} is false; for things every CI machine has. */
    public static void inCi(boolean condition, String why) {
        if (condition) return;
        if (ci()) fail("CI must run this test, but " + why);
        assumeTrue(false, why);
    }

    /** Skips (or fails, in CI) when the executable {@code name} is not on PATH. */
    public static void tool(String name, String forWhat) {
        inCi(onPath(name), name + " not on PATH: " + forWhat);
    }

    public static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator))
            if (new File(dir, tool).canExecute()) return true;
        return false;
    }
}
