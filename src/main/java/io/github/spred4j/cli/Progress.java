package io.github.spred4j.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress on stderr for long work: a status line rewritten in place ("\r") with what is running and the
 * elapsed time, and one line per finished path step (position, λ, nnz, certificate, elapsed). Silent when
 * disabled (not a terminal, or --quiet), so redirected output and pipes never see it.
 */
final class Progress implements AutoCloseable {
    private final PrintWriter err;
    private final boolean enabled;
    private final long t0 = System.nanoTime();
    private volatile String status = "";
    private Thread ticker;

    Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** True when stdin/stdout are a terminal (System.console() != null). */
    static boolean interactive() {
        return System.console() != null;
    }

    boolean enabled() {
        return enabled;
    }

    double elapsed() {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Shows "{what} … 12.3 s" and keeps the elapsed time ticking until the next call or close(). */
    synchronized void status(String what) {
        if (!enabled) return;
        status = what;
        if (ticker == null) {
            ticker = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        draw();
                        Thread.sleep(250);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "spred4j-progress");
            ticker.setDaemon(true);
            ticker.start();
        }
    }

    private synchronized void draw() {
        String line = String.format(Locale.ROOT, "%s  %.1f s", status, elapsed());
        err.print("\r" + line + "\033[K");
        err.flush();
    }

    /** One finished step of a path: position, λ, nnz, certificate, elapsed. */
    synchronized void step(int index, int total, double lambda, int nnz, String certName, double cert) {
        if (!enabled) return;
        err.print(String.format(Locale.ROOT, "\r[%3d/%d] lambda=%-10.4g nnz=%-5d %s=%-9.2e %.1f s\033[K%n",
                index + 1, total, lambda, nnz, certName, cert, elapsed()));
        err.flush();
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.interrupt();
            ticker = null;
            err.print("\r\033[K");
            err.flush();
        }
    }
}
