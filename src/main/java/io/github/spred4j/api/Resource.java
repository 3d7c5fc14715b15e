package io.github.spred4j.api;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The device-side state of a {@link Context}, {@link DeviceBuffer} or {@link GroupIndex}: the backend's action
 * that frees it, whether it has been freed, and the Cleaner registration that frees it when its object becomes
 * unreachable without {@code close()} (a leak, logged as a warning). Deliberately holds no reference to the object
 * it frees (that would keep it reachable forever), only the backend's handle-only action.
 *
 * <p>Closing and cleaning are one action run at most once ({@link Cleaner.Cleanable#clean()}), so closing twice,
 * closing a buffer its context already closed, and a Cleaner racing an explicit close all free exactly once.
 */
final class Resource implements Runnable {
    /** {@code -Dspred4j.trackAllocations=true}: record where each object was allocated, for leak warnings. */
    static final String TRACK_PROPERTY = "spred4j.trackAllocations";
    static final String LOGGER = "io.github.spred4j";

    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "spred4j-cleaner");
        t.setDaemon(true);
        return t;
    });
    private static final System.Logger LOG = System.getLogger(LOGGER);

    private final String kind;
    private final Throwable site;
    /** For a context: the open resources it owns (weakly as objects: only their Resource is held). */
    final Set<Resource> children;
    /** The live set of the owning context, once the object is handed to the user; null before that. */
    private volatile Set<Resource> owner;
    private volatile String what;
    private volatile Runnable release;
    /** Set before an explicit close: no leak warning. */
    private volatile boolean quiet;
    private volatile boolean released;
    private final Cleaner.Cleanable cleanable;

    private Resource(Object obj, String kind, boolean context) {
        this.kind = kind;
        this.what = kind;
        this.site = Boolean.getBoolean(TRACK_PROPERTY) ? new Throwable(kind + " allocated here") : null;
        this.children = context ? ConcurrentHashMap.newKeySet() : null;
        this.cleanable = CLEANER.register(obj, this);
    }

    /** Registers {@code obj} (the constructor's {@code this}) with the Cleaner. */
    static Resource of(Object obj, String kind, boolean context) {
        return new Resource(obj, kind, context);
    }

    void describe(String what) {
        this.what = what;
    }

    void releaseWith(Runnable action) {
        if (release != null) throw new IllegalStateException(what + ": release action already set");
        release = action;
    }

    /** The object is now the user's: it counts as live in {@code live} and is reported if dropped unclosed. */
    void arm(Set<Resource> live) {
        owner = live;
        live.add(this);
    }

    boolean isReleased() {
        return released;
    }

    /** Explicit close: frees once, quietly; a failure of the backend's release propagates. */
    void close() {
        quiet = true;
        cleanable.clean();
    }

    /** Runs once: from {@link #close()}, or from the Cleaner thread when the object was dropped unclosed. */
    @Override
    public void run() {
        released = true;
        Set<Resource> live = owner;
        boolean leaked = !quiet && (live != null || children != null && release != null);
        try {
            if (leaked) warnLeak();
            RuntimeException first = null;
            if (children != null) {
                // The context's open buffers and groups go with it (explicitly or as part of its leak).
                List<Resource> open = new ArrayList<>(children);
                for (Resource c : open) {
                    try {
                        c.close();
                    } catch (RuntimeException e) {
                        if (first == null) first = e; else first.addSuppressed(e);
                    }
                }
            }
            Runnable r = release;
            if (r != null) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    if (first == null) first = e; else first.addSuppressed(e);
                }
            }
            if (first != null) {
                if (!leaked) throw first;
                LOG.log(System.Logger.Level.WARNING, "spred4j: freeing leaked " + what + " failed", first);
            }
        } finally {
            if (live != null) live.remove(this);
        }
    }

    private void warnLeak() {
        String msg = "spred4j: " + what + " was not closed and became unreachable; the Cleaner freed it"
                + (children != null && !children.isEmpty() ? " with its " + children.size() + " open buffers/group indexes" : "")
                + (site == null ? " (run with -D" + TRACK_PROPERTY + "=true to see where it was allocated)" : "");
        if (site != null) LOG.log(System.Logger.Level.WARNING, msg, site);
        else LOG.log(System.Logger.Level.WARNING, msg);
    }

    @Override
    public String toString() {
        return what + (released ? " (released)" : "");
    }
}
