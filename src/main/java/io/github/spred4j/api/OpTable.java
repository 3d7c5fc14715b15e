package io.github.spred4j.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The operations of {@link Context} as {@code kernels/ops.tsv} lists them: the one table that the kernel sources,
 * the native bridge, the tests and the benchmarks are checked against (see that file's header for the columns
 * and docs/ARCHITECTURE.md for what adding an operation touches). The OpenCL backend builds its program from the
 * files this table names.
 */
public final class OpTable {
    /** Where the table lies on the class path (the build copies kernels/ops.tsv there). */
    public static final String RESOURCE = "/kernels/ops.tsv";

    /**
     * One operation: its file stem, Context method, benchmark, length kind and argument names in the kernel
     * contract's order (length, outputs, inputs, scalars). A scalar is named {@code name} (a real) or
     * {@code name:int}.
     */
    public record Op(String name, String method, String bench, String length, List<String> outputs,
                     List<String> inputs, List<String> scalars) {
        public Op {
            outputs = List.copyOf(outputs);
            inputs = List.copyOf(inputs);
            scalars = List.copyOf(scalars);
        }

        /**
         * The length arguments: [n], [m] for groups, [n, p, k] for the matrix passes, [n, p] for sparse X and for
         * the column statistics of one dense matrix (length kind "n,p"), [n, k] for k stacked vectors of length n
         * reduced one result per vector (length kind "n,k").
         */
        public List<String> lengthArgs() {
            return switch (length) {
                case "n" -> List.of("n");
                case "groups" -> List.of("m");
                case "n,p,k" -> List.of("n", "p", "k");
                case "n,p" -> List.of("n", "p");
                case "n,k" -> List.of("n", "k");
                case "csr", "csc" -> List.of("n", "p");
                default -> throw new IllegalStateException("op " + name + ": unknown length kind " + length);
            };
        }

        /** Scalar names without their {@code :int} marks. */
        public List<String> scalarNames() {
            List<String> out = new ArrayList<>();
            for (String s : scalars) out.add(s.endsWith(":int") ? s.substring(0, s.length() - 4) : s);
            return out;
        }

        /** Outputs, inputs and scalars in contract order, after the length arguments. */
        public List<String> arguments() {
            List<String> out = new ArrayList<>(outputs);
            out.addAll(inputs);
            out.addAll(scalarNames());
            return out;
        }

        public boolean isGroup() {
            return length.equals("groups");
        }

        /** An operation on sparse X (a SparseIndex in CSR or CSC layout). */
        public boolean isSparse() {
            return length.equals("csr") || length.equals("csc");
        }

        public boolean isMatrix() {
            return length.equals("n,p,k");
        }

        public boolean isReduction() {
            return outputs.equals(List.of("result"));
        }
    }

    private static volatile List<Op> all;

    private OpTable() {
    }

    /** Every operation, in table order. */
    public static List<Op> all() {
        List<Op> a = all;
        if (a == null) {
            try (InputStream in = OpTable.class.getResourceAsStream(RESOURCE)) {
                if (in == null)
                    throw new IllegalStateException("the op table " + RESOURCE + " is not on the class path (the build copies kernels/ops.tsv into the jar)");
                a = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the op table " + RESOURCE, e);
            }
            all = a;
        }
        return a;
    }

    /** The operation whose file stem is {@code name}. */
    public static Op get(String name) {
        for (Op o : all()) if (o.name().equals(name)) return o;
        throw new IllegalArgumentException("no operation named " + name + " in " + RESOURCE);
    }

    /** Parses the table text; a malformed line throws naming the source and the line. */
    public static List<Op> parse(String text, String source) {
        List<Op> ops = new ArrayList<>();
        Set<String> names = new HashSet<>(), methods = new HashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split("\\s+");
            String where = source + " line " + (i + 1);
            if (f.length != 7)
                throw new IllegalArgumentException(where + ": expected 7 columns (op method bench length outputs inputs scalars), found " + f.length);
            Op op = new Op(f[0], f[1], f[2], f[3], list(f[4]), list(f[5]), list(f[6]));
            op.lengthArgs(); // validates the length kind
            if (!f[0].matches("[a-z][a-z0-9_]*")) throw new IllegalArgumentException(where + ": op name '" + f[0] + "' is not snake_case");
            if (!f[1].matches("[a-z][A-Za-z0-9]*")) throw new IllegalArgumentException(where + ": method '" + f[1] + "' is not camelCase");
            if (!names.add(op.name())) throw new IllegalArgumentException(where + ": op " + op.name() + " listed twice");
            if (!methods.add(op.method())) throw new IllegalArgumentException(where + ": method " + op.method() + " listed twice");
            if (op.outputs().isEmpty()) throw new IllegalArgumentException(where + ": op " + op.name() + " has no output");
            Set<String> args = new HashSet<>(op.lengthArgs());
            for (String a : op.arguments())
                if (!args.add(a)) throw new IllegalArgumentException(where + ": argument " + a + " of " + op.name() + " appears twice");
            ops.add(op);
        }
        return List.copyOf(ops);
    }

    private static List<String> list(String field) {
        return field.equals("-") ? List.of() : List.of(field.split(","));
    }
}
