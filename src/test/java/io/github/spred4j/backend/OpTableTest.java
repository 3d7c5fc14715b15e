package io.github.spred4j.backend;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.Kernel;
import io.github.spred4j.api.OpTable;
import io.github.spred4j.api.OpTable.Op;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kernels/ops.tsv is the source of truth for the operations: every per-language list written by hand (Context's
 * operations, the CUDA include list, the C prototypes, the JNI bridge and its Java declarations, the kernel files
 * of each language, the CUDA emulation test, the JMH benchmarks) must agree with it, name for name. Each check
 * counts what it compared, so an empty scan fails.
 */
class OpTableTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir"));
    /** JNI methods of NativeLib that are not operations (memory, groups, threads, version, host-array solver sweeps). */
    private static final Set<String> JNI_INFRASTRUCTURE = Set.of("abiVersion", "maxThreads", "setThreads", "alloc", "free",
            "liveAllocations", "copyFromDoubles", "copyFromFloats", "copyToDoubles", "copyToFloats", "groupsCreate", "groupsFree", "sparseCreate", "sparseFree",
            "sparseCdSweep"); // sparseCdSweep: a solver's sweep over host arrays (native/sparse_cd.c), not a device operation

    private static List<Op> ops() {
        List<Op> ops = OpTable.all();
        assertTrue(ops.size() >= 22, "expected at least 22 operations in " + OpTable.RESOURCE + ", found " + ops.size());
        return ops;
    }

    private static Set<String> names() {
        Set<String> s = new LinkedHashSet<>();
        for (Op o : ops()) s.add(o.name());
        return s;
    }

    private static Set<String> methods() {
        Set<String> s = new TreeSet<>();
        for (Op o : ops()) s.add(o.method());
        return s;
    }

    private static String read(String relative) throws IOException {
        return Files.readString(ROOT.resolve(relative));
    }

    /** The table on the class path is the file in the tree (the build copied the current one). */
    @Test
    void classPathTableIsTheSourceFile() throws IOException {
        assertEquals(OpTable.parse(read("kernels/ops.tsv"), "kernels/ops.tsv"), ops());
    }

    @Test
    void contextOperationsAreTheTable() {
        TreeMap<String, String> context = new TreeMap<>();
        for (Method m : Context.class.getDeclaredMethods()) {
            Kernel k = m.getAnnotation(Kernel.class);
            if (k != null) context.put(k.value(), m.getName());
        }
        TreeMap<String, String> table = new TreeMap<>();
        for (Op o : ops()) table.put(o.name(), o.method());
        assertEquals(table, context, "Context's @Kernel operations (stem=method) differ from " + OpTable.RESOURCE);
    }

    /** Each language has exactly one file per operation, plus its named helpers. */
    @Test
    void everyLanguageHasOneFilePerOperation() throws IOException {
        int checked = 0;
        for (String[] lang : new String[][]{
                {"kernels/cuda", ".cu", "spred4j.cu"},
                {"kernels/opencl", ".cl", "common.cl"},
                {"native", ".c", "jni_bridge.c,groups.c,sparse_cd.c"}}) {
            Set<String> files = new TreeSet<>();
            try (Stream<Path> s = Files.list(ROOT.resolve(lang[0]))) {
                s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(lang[1])).forEach(files::add);
            }
            Set<String> want = new TreeSet<>(List.of(lang[2].split(",")));
            for (String n : names()) want.add(n + lang[1]);
            assertEquals(want, files, lang[0] + ": the files (one per operation of the op table, plus helpers " + lang[2] + ")");
            checked++;
        }
        assertEquals(3, checked);
    }

    @Test
    void cudaIncludeListIsTheTable() throws IOException {
        List<String> included = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^#include \"([^\"]+)\\.cu\"").matcher(read("kernels/cuda/kernels.inc"));
        while (m.find()) included.add(m.group(1));
        assertEquals(new ArrayList<>(names()), included, "kernels/cuda/kernels.inc must include every op's .cu in table order");
    }

    @Test
    void openClProgramIsBuiltFromTheTable() throws Exception {
        Class<?> dev = Class.forName("io.github.spred4j.backend.opencl.OpenClDevice");
        var field = dev.getDeclaredField("KERNEL_FILES");
        field.setAccessible(true);
        List<String> want = new ArrayList<>();
        want.add("common.cl");
        for (String n : names()) want.add(n + ".cl");
        assertEquals(want, field.get(null));
    }

    @Test
    void cPrototypesAreTheTable() throws IOException {
        Set<String> declared = new LinkedHashSet<>();
        Matcher m = Pattern.compile("SPRED_[A-Z]+\\((\\w+)\\)\\s*\\(").matcher(read("native/spred_protos.h"));
        while (m.find()) declared.add(m.group(1));
        assertEquals(names(), declared, "native/spred_protos.h must declare every op, in table order");
    }

    @Test
    void jniBridgeAndNativeLibAreTheTable() throws IOException {
        Set<String> bridge = new TreeSet<>();
        Matcher m = Pattern.compile("JNICALL FN\\((\\w+)\\)").matcher(read("native/jni_bridge.c"));
        while (m.find()) bridge.add(m.group(1));
        assertTrue(bridge.containsAll(JNI_INFRASTRUCTURE), "jni_bridge.c lacks some of " + JNI_INFRASTRUCTURE);
        bridge.removeAll(JNI_INFRASTRUCTURE);
        assertEquals(methods(), bridge, "native/jni_bridge.c entry points (other than " + JNI_INFRASTRUCTURE + ")");

        Set<String> lib = new TreeSet<>();
        m = Pattern.compile("static native \\w+ (\\w+)\\(").matcher(read("src/main/java/io/github/spred4j/backend/nativecpu/NativeLib.java"));
        while (m.find()) lib.add(m.group(1));
        lib.removeAll(JNI_INFRASTRUCTURE);
        assertEquals(methods(), lib, "NativeLib's native methods (other than " + JNI_INFRASTRUCTURE + ")");
    }

    @Test
    void everyOperationHasItsBenchmark() throws IOException {
        Path jmh = ROOT.resolve("jmh/src/main/java/io/github/spred4j/jmh");
        int found = 0;
        for (Op o : ops()) {
            String[] cm = o.bench().split("\\.");
            assertEquals(2, cm.length, o.name() + ": bench must be Class.method, got " + o.bench());
            String src = Files.readString(jmh.resolve(cm[0] + ".java"));
            Pattern bench = Pattern.compile("@Benchmark\\s+public \\w+ " + cm[1] + "\\(\\)");
            assertTrue(bench.matcher(src).find(), o.name() + ": no @Benchmark " + o.bench() + " in jmh/");
            found++;
        }
        assertEquals(ops().size(), found);
    }

    // ------------------------------------------------------------------ the kernel contract: argument order

    /**
     * Launch plumbing a GPU kernel may take besides the table's arguments: group offsets and weights, tile height,
     * local scratch, a sparse structure's offsets and indices.
     */
    private static final Set<String> GPU_EXTRAS = Set.of("off", "wt", "R", "rows", "s", "ptr", "idx");

    /** Every {@code SPRED_ENTRY(name)(params)} in {@code text}: name -> parameter names in order. */
    static TreeMap<String, List<String>> entries(String text) {
        TreeMap<String, List<String>> out = new TreeMap<>();
        Matcher m = Pattern.compile("SPRED_ENTRY\\((\\w+)\\)\\s*\\(").matcher(text);
        while (m.find()) {
            int depth = 1, i = m.end();
            while (depth > 0) {
                char c = text.charAt(i++);
                if (c == '(') depth++;
                else if (c == ')') depth--;
            }
            out.put(m.group(1), paramNames(text.substring(m.end(), i - 1)));
        }
        return out;
    }

    /** The names of a comma-separated parameter list: the last identifier of each. */
    static List<String> paramNames(String params) {
        List<String> names = new ArrayList<>();
        if (params.isBlank()) return names;
        for (String p : params.split(",")) {
            Matcher id = Pattern.compile("(\\w+)\\s*$").matcher(p.strip());
            assertTrue(id.find(), "cannot read a parameter name in '" + p + "'");
            names.add(id.group(1));
        }
        return names;
    }

    private static List<String> expected(Op op, List<String> length, boolean withResult) {
        List<String> e = new ArrayList<>(length);
        for (String a : op.arguments()) if (withResult || !a.equals("result")) e.add(a);
        return e;
    }

    private static List<String> cLength(Op op) {
        // groups take their plan gs; sparse X takes n, p and its structure x (native/spred_sparse.h)
        return op.isGroup() ? List.of("gs") : op.isSparse() ? List.of("n", "p", "x") : op.lengthArgs();
    }

    /** Lower case without underscores: m_u (C), mU (Java) and mu compare equal. */
    private static List<String> normal(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) out.add(n.replace("_", "").toLowerCase(java.util.Locale.ROOT));
        return out;
    }

    @Test
    void cPrototypesAndDefinitionsFollowTheContract() throws IOException {
        TreeMap<String, List<String>> protos = entries(read("native/spred_protos.h"));
        int checked = 0;
        for (Op op : ops()) {
            List<String> want = expected(op, cLength(op), true);
            assertEquals(want, protos.get(op.name()), "native/spred_protos.h " + op.name() + ": contract order");
            List<String> def = entries(read("native/" + op.name() + ".c")).get(op.name());
            assertEquals(want, def, "native/" + op.name() + ".c: the definition's arguments");
            checked++;
        }
        assertEquals(ops().size(), checked);
    }

    @Test
    void jniWrappersFollowTheContract() throws IOException {
        String bridge = read("native/jni_bridge.c");
        String lib = read("src/main/java/io/github/spred4j/backend/nativecpu/NativeLib.java");
        int checked = 0;
        for (Op op : ops()) {
            List<String> want = expected(op, cLength(op), false);
            Matcher m = Pattern.compile("JNICALL FN\\(" + op.method() + "\\)\\(([^)]*)\\)").matcher(bridge);
            assertTrue(m.find(), "jni_bridge.c has no FN(" + op.method() + ")");
            List<String> jni = paramNames(m.group(1));
            assertEquals(List.of("env", "cls", "prec"), jni.subList(0, 3), "FN(" + op.method() + ") starts with env, cls, prec");
            assertEquals(want, jni.subList(3, jni.size()), "jni_bridge.c FN(" + op.method() + "): contract order");
            m = Pattern.compile("static native \\w+ " + op.method() + "\\(([^)]*)\\)").matcher(lib);
            assertTrue(m.find(), "NativeLib has no " + op.method());
            List<String> java = paramNames(m.group(1));
            assertEquals("prec", java.get(0), "NativeLib." + op.method() + " starts with prec");
            assertEquals(normal(want), normal(java.subList(1, java.size())), "NativeLib." + op.method() + ": contract order");
            checked++;
        }
        assertEquals(ops().size(), checked);
    }

    /**
     * CUDA and OpenCL C: every entry of an op (the op's name, or a numbered variant op_N) takes the table's arguments
     * in order; launch plumbing ({@link #GPU_EXTRAS}) may come after them or between groups of them as the kernel's
     * file documents, and an output the GPU reduces in two phases is written as the per-block {@code partial}.
     */
    @Test
    void gpuKernelsFollowTheContract() throws IOException {
        int checked = 0;
        for (String[] lang : new String[][]{{"kernels/cuda", ".cu"}, {"kernels/opencl", ".cl"}}) {
            for (Op op : ops()) {
                TreeMap<String, List<String>> all = entries(read(lang[0] + "/" + op.name() + lang[1]));
                int found = 0;
                for (var e : all.entrySet()) {
                    if (!e.getKey().matches(Pattern.quote(op.name()) + "(_[0-9]+)?")) continue;
                    List<String> got = new ArrayList<>(e.getValue());
                    got.removeAll(GPU_EXTRAS);
                    List<String> want = expected(op, op.lengthArgs(), true);
                    String where = lang[0] + "/" + op.name() + lang[1] + " entry " + e.getKey();
                    assertEquals(want.size(), got.size(), where + ": arguments " + got + ", table " + want);
                    for (int i = 0; i < want.size(); i++) {
                        boolean same = got.get(i).equals(want.get(i))
                                || got.get(i).equals("partial") && op.outputs().contains(want.get(i));
                        assertTrue(same, where + ": argument " + i + " is " + got.get(i) + ", the table says " + want.get(i)
                                + " (arguments " + got + ", table " + want + ")");
                    }
                    found++;
                }
                assertTrue(found > 0, lang[0] + "/" + op.name() + lang[1] + " has no entry SPRED_ENTRY(" + op.name() + ") or numbered variant");
                checked++;
            }
        }
        assertEquals(2 * ops().size(), checked);
    }

    /** The CUDA emulation test (kernels/cuda/emu) runs every op's CUDA entry points, each numbered variant included. */
    @Test
    void cudaEmulationCoversEveryKernel() throws IOException {
        String emu = read("kernels/cuda/emu/emu_test.cpp");
        int checked = 0;
        for (Op op : ops()) {
            for (String entry : entries(read("kernels/cuda/" + op.name() + ".cu")).keySet()) {
                assertTrue(emu.contains("= " + entry + "_##S;"), "kernels/cuda/emu/emu_test.cpp does not run " + entry + " (add it to ENTRIES and check it)");
                checked++;
            }
        }
        assertTrue(checked >= ops().size() + 4, "expected every op plus the numbered variants and reduces, checked " + checked);
    }

    @Test
    void malformedTablesAreRejectedNamingTheLine() {
        var e = assertThrows(IllegalArgumentException.class, () -> OpTable.parse("a b c n v u\n", "t"));
        assertTrue(e.getMessage().contains("t line 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OpTable.parse("# c\nop m B.m n v,v u -\n", "t"));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("twice"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> OpTable.parse("op m B.m q v u -\n", "t"));
    }
}
