package io.github.spred4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;

@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"List every backend this build knows: whether it can run here, its device, and why not when it cannot.",
                "--backend auto picks the first available one in this order."})
final class DevicesCommand extends BaseCommand {
    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter w = out();
        String auto;
        try {
            auto = Backends.auto().name();
        } catch (RuntimeException e) {
            auto = null;
        }
        if (json) {
            ArrayNode a = Json.MAPPER.createArrayNode();
            for (Backend b : Backends.list()) {
                ObjectNode o = a.addObject();
                o.put("name", b.name());
                o.put("family", b.family());
                o.put("available", safeAvailable(b));
                o.put("device", safe(b::deviceName));
                String why = safe(b::unavailableReason);
                if (why == null) o.putNull("reason");
                else o.put("reason", why);
                o.put("auto", b.name().equals(auto));
            }
            w.println(a.toString());
        } else {
            w.println(String.format(Locale.ROOT, "%-11s %-9s %s", "backend", "available", "device / reason"));
            for (Backend b : Backends.list()) {
                boolean ok = safeAvailable(b);
                String dev = safe(b::deviceName);
                String why = safe(b::unavailableReason);
                w.println(String.format(Locale.ROOT, "%-11s %-9s %s%s", b.name(), ok ? "yes" : "no",
                        ok ? dev : (why == null ? "unavailable" : why), b.name().equals(auto) ? "   <- auto" : ""));
            }
        }
        w.flush();
        return ExitCode.OK;
    }

    private static boolean safeAvailable(Backend b) {
        try {
            return b.isAvailable();
        } catch (Throwable t) {
            return false;
        }
    }

    private static String safe(java.util.function.Supplier<String> s) {
        try {
            return s.get();
        } catch (Throwable t) {
            return "probe failed: " + t;
        }
    }
}
