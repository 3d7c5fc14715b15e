package io.github.spred4j.api;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Discovery never throws, even when the JOCL and JCuda jars are missing from the class path. */
class DiscoveryWithoutBindingsTest {
    @Test
    void backendsWithoutTheirBindingsReportWhy() throws Exception {
        URL classes = Path.of(Backends.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL();
        try (URLClassLoader bare = new URLClassLoader(new URL[]{classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> backends = bare.loadClass(Backends.class.getName());
            assertFalse(backends == Backends.class, "the test must load a second copy without the bindings");
            List<?> all = (List<?>) backends.getMethod("list").invoke(null);
            assertEquals(5, all.size());
            Class<?> backend = bare.loadClass(Backend.class.getName());
            for (Object b : all) {
                String name = (String) backend.getMethod("name").invoke(b);
                boolean available = (Boolean) backend.getMethod("isAvailable").invoke(b);
                if (name.startsWith("opencl") || name.equals("cuda")) {
                    assertFalse(available, name + " cannot be available without its binding");
                    String why = (String) backend.getMethod("unavailableReason").invoke(b);
                    assertTrue(why != null && !why.isBlank(), name + " must say why it is unavailable");
                }
                if (name.equals("java")) assertTrue(available);
            }
        }
    }
}
