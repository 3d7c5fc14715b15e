package io.github.spred4j.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Backend discovery and choice. Backends are found with {@link ServiceLoader} ({@link BackendProvider}s listed in
 * {@code META-INF/services}), so this class names none of them. The {@code auto} order is cuda, opencl-gpu, native,
 * opencl-cpu, java; the system property {@code spred4j.backend.order} (comma-separated names or families)
 * overrides it.
 */
public final class Backends {
    public static final String ORDER_PROPERTY = "spred4j.backend.order";
    public static final List<String> DEFAULT_ORDER = List.of("cuda", "opencl-gpu", "native", "opencl-cpu", "java");

    private static volatile List<Backend> all;

    private Backends() {
    }

    /** Every backend this build knows, available or not, in the default order (then any others, as found). */
    public static List<Backend> list() {
        List<Backend> a = all;
        if (a == null) {
            synchronized (Backends.class) {
                if (all == null) all = discover();
                a = all;
            }
        }
        return a;
    }

    /**
     * Every provider's backends, sorted by {@link #DEFAULT_ORDER}. A provider that cannot even be instantiated
     * (a broken services entry) is skipped with a warning: discovery never throws.
     */
    private static List<Backend> discover() {
        List<Backend> found = new ArrayList<>();
        Iterator<BackendProvider> it = ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!it.hasNext()) break;
                found.addAll(it.next().backends());
            } catch (ServiceConfigurationError e) {
                System.getLogger("io.github.spred4j").log(System.Logger.Level.WARNING, "backend provider skipped: " + e);
            }
        }
        found.sort(Comparator.comparingInt(b -> {
            int k = DEFAULT_ORDER.indexOf(b.name());
            return k < 0 ? DEFAULT_ORDER.size() : k;
        }));
        return List.copyOf(found);
    }

    /**
     * A stand-in for a backend that cannot even be constructed here, typically because its binding's jar (JOCL,
     * JCuda) is missing from the class path: unavailable, with {@code why} as its reason.
     */
    public static Backend unavailable(String name, String family, String why) {
        return new Backend() {
            public String name() { return name; }
            public String family() { return family; }
            public boolean isAvailable() { return false; }
            public String unavailableReason() { return why; }
            public String deviceName() { return "-"; }
            public Context open() { throw new IllegalStateException("backend " + name + " is unavailable: " + why); }
        };
    }

    /** The reason text of a backend whose classes failed to link. */
    public static String bindingFailure(Throwable t) {
        Throwable cause = t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null ? t.getCause() : t;
        return "its Java binding could not be loaded: " + cause;
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
