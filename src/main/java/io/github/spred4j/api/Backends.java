package io.github.spred4j.api;

import io.github.spred4j.backend.java.JavaBackend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Backend discovery and choice. The {@code auto} order is cuda, opencl-gpu, native, opencl-cpu, java; the system
 * property {@code spred4j.backend.order} (comma-separated names or families) overrides it.
 */
public final class Backends {
    public static final String ORDER_PROPERTY = "spred4j.backend.order";
    public static final List<String> DEFAULT_ORDER = List.of("cuda", "opencl-gpu", "native", "opencl-cpu", "java");

    private static volatile List<Backend> all;

    private Backends() {
    }

    /** Every backend this build knows, available or not, in the default order. */
    public static List<Backend> list() {
        List<Backend> a = all;
        if (a == null) {
            synchronized (Backends.class) {
                if (all == null)
                    all = List.of(
                            guarded("cuda", "cuda", "io.github.spred4j.backend.cuda.CudaBackend", null),
                            guarded("opencl-gpu", "opencl", "io.github.spred4j.backend.opencl.OpenClBackend", "gpu"),
                            guarded("native", "native", "io.github.spred4j.backend.nativecpu.NativeBackend", null),
                            guarded("opencl-cpu", "opencl", "io.github.spred4j.backend.opencl.OpenClBackend", "cpu"),
                            new JavaBackend());
                a = all;
            }
        }
        return a;
    }

    /**
     * Constructs a backend by reflection (its class, or a static no-argument factory), or an unavailable stand-in
     * naming the reason when even loading its class fails: a binding's jar (JOCL, JCuda) missing from the class
     * path. Reflection keeps this class free of links to the bindings, so discovery never throws.
     */
    private static Backend guarded(String name, String family, String className, String factory) {
        try {
            Class<?> c = Class.forName(className);
            Object b = factory == null ? c.getConstructor().newInstance() : c.getMethod(factory).invoke(null);
            return (Backend) b;
        } catch (Throwable t) { // NoClassDefFoundError, LinkageError, InvocationTargetException
            Throwable cause = t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null ? t.getCause() : t;
            String why = "its Java binding could not be loaded: " + cause;
            return new Backend() {
                public String name() { return name; }
                public String family() { return family; }
                public boolean isAvailable() { return false; }
                public String unavailableReason() { return why; }
                public String deviceName() { return "-"; }
                public Context open() { throw new IllegalStateException("backend " + name + " is unavailable: " + why); }
            };
        }
    }

    /** The backends that can run here. */
    public static List<Backend> available() {
        List<Backend> out = new ArrayList<>();
        for (Backend b : list()) if (b.isAvailable()) out.add(b);
        return out;
    }

    /**
     * The backend called {@code name}: a backend name, a family ("opencl" picks its GPU device before its CPU
     * one), or "auto". Throws {@link IllegalArgumentException} for an unknown name and
     * {@link IllegalStateException} (with the reason) when the chosen backend cannot run here.
     */
    public static Backend get(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (key.equals("auto")) return auto();
        List<Backend> matches = new ArrayList<>();
        for (Backend b : list()) if (b.name().equals(key) || b.family().equals(key)) matches.add(b);
        if (matches.isEmpty())
            throw new IllegalArgumentException("unknown backend '" + name + "' (expected auto, java, native, opencl, opencl-cpu, opencl-gpu or cuda)");
        StringBuilder why = new StringBuilder();
        for (Backend b : matches) {
            if (b.isAvailable()) return b;
            why.append(why.length() == 0 ? "" : "; ").append(b.name()).append(": ").append(b.unavailableReason());
        }
        throw new IllegalStateException("backend '" + name + "' is unavailable: " + why);
    }

    /** The first available backend in the order (the property's, or the default). Java is always available. */
    public static Backend auto() {
        String prop = System.getProperty(ORDER_PROPERTY);
        List<String> order = prop == null || prop.isBlank() ? DEFAULT_ORDER : Arrays.asList(prop.split(","));
        for (String n : order) {
            String key = n.trim().toLowerCase(Locale.ROOT);
            for (Backend b : list())
                if ((b.name().equals(key) || b.family().equals(key)) && b.isAvailable()) return b;
        }
        throw new IllegalStateException("no backend in the order " + order + " is available here");
    }
}
