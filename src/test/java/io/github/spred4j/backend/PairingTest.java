package io.github.spred4j.backend;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.Kernel;
import io.github.spred4j.api.OpTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation has its reference, its comparison test and its kernel in every backend's sources; every backend
 * has a conformance test. Counts what it found and asserts the count, so a silently empty scan fails.
 */
class PairingTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir"));

    /** The operations of the op table (kernels/ops.tsv), by stem, with their Context methods (OpTableTest checks the two agree). */
    static TreeMap<String, Method> operations() {
        TreeMap<String, Method> ops = new TreeMap<>();
        for (OpTable.Op op : OpTable.all()) {
            Method found = null;
            for (Method m : Context.class.getDeclaredMethods()) {
                Kernel k = m.getAnnotation(Kernel.class);
                if (k != null && k.value().equals(op.name()) && m.getName().equals(op.method())) found = m;
            }
            assertTrue(found != null, "op table entry " + op.name() + " has no Context method " + op.method() + " marked @Kernel(\"" + op.name() + "\")");
            ops.put(op.name(), found);
        }
        return ops;
    }

    @Test
    void everyOperationHasAReferenceAndAComparisonTest() throws Exception {
        TreeMap<String, Method> ops = operations();
        assertTrue(ops.size() >= 22, "expected at least 22 kernel operations, found " + ops.size());
        Class<?> reference = Class.forName("io.github.spred4j.backend.java.JavaContext");
        int pairs = 0;
        for (var e : ops.entrySet()) {
            String name = e.getValue().getName();
            String hook = "do" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
            assertTrue(Stream.of(reference.getDeclaredMethods()).anyMatch(m -> m.getName().equals(hook) && !Modifier.isAbstract(m.getModifiers())),
                    "operation " + e.getKey() + " has no reference " + hook + " in JavaContext");
            assertTrue(Stream.of(ConformanceTest.class.getDeclaredMethods()).anyMatch(m -> m.getName().equals(name)),
                    "operation " + e.getKey() + " has no comparison test ConformanceTest." + name);
            pairs++;
        }
        assertEquals(ops.size(), pairs);
    }

    @Test
    void everyKernelExistsInEveryKernelLanguage() throws IOException {
        int found = 0;
        for (String[] lang : new String[][]{{"kernels/cuda", ".cu"}, {"kernels/opencl", ".cl"}, {"native", ".c"}}) {
            Path dir = ROOT.resolve(lang[0]);
            StringBuilder all = new StringBuilder();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(lang[1]))::iterator)
                    all.append(Files.readString(f)).append('\n');
            }
            for (String stem : operations().keySet()) {
                // A function, kernel or macro-generated entry named after the stem: stem(, stem_f32(, KERNEL(stem ...
                Pattern entry = Pattern.compile("(?<![A-Za-z0-9_])" + stem + "(_f32|_f64|_kernel)?\\s*[(,]");
                boolean ok = Files.exists(dir.resolve(stem + lang[1])) || entry.matcher(all).find();
                assertTrue(ok, "kernel " + stem + " missing from " + lang[0] + " (no " + stem + lang[1] + " and no entry point named after it)");
                found++;
            }
        }
        assertEquals(3 * operations().size(), found);
    }

    @Test
    void everyBackendHasAConformanceTest() throws IOException {
        List<String> tested = new ArrayList<>();
        Pattern named = Pattern.compile("return\\s+\"([a-z-]+)\"");
        try (Stream<Path> files = Files.walk(ROOT.resolve("src/test/java"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String src = Files.readString(f);
                if (!src.contains("extends ConformanceTest")) continue;
                var m = named.matcher(src);
                while (m.find()) tested.add(m.group(1));
            }
        }
        for (Backend b : Backends.list())
            assertTrue(tested.contains(b.name()), "backend " + b.name() + " has no ConformanceTest subclass (found " + tested + ")");
    }
}
