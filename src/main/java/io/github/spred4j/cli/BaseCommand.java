package io.github.spred4j.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** Shared plumbing of the subcommands: streams, --quiet/--verbose, progress. */
abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common = new CommonOptions();

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Progress on stderr, only on an interactive terminal and without --quiet. */
    Progress progress() {
        return new Progress(err(), !common.quiet && Progress.interactive());
    }

    boolean verbose() {
        return common.verbose;
    }

    /**
     * Refuses (exit 2) an output that names an input file, or two outputs that name one file: `fit --x d.csv
     * --out d.csv` replaced the user's data with the coefficients. {@code files} alternates option name and path
     * (inputs first, {@code inputs} of them); null paths are skipped.
     */
    static void refuseClobbering(int inputs, Object... files) {
        for (int a = 2 * inputs; a < files.length; a += 2) {
            if (files[a + 1] == null) continue;
            for (int b = 0; b < a; b += 2)
                if (files[b + 1] != null && sameFile((java.nio.file.Path) files[a + 1], (java.nio.file.Path) files[b + 1]))
                    throw CliException.usage(files[a] + " " + files[a + 1] + " is also " + files[b]
                            + (b < 2 * inputs ? " (an input): refusing to overwrite it" : ": give each output its own file"));
        }
    }

    private static boolean sameFile(java.nio.file.Path p, java.nio.file.Path q) {
        try {
            if (java.nio.file.Files.exists(p) && java.nio.file.Files.exists(q)) return java.nio.file.Files.isSameFile(p, q);
        } catch (java.io.IOException e) {
            // fall through to comparing the names
        }
        return p.toAbsolutePath().normalize().equals(q.toAbsolutePath().normalize());
    }

    /**
     * A duality gap below −1e-12·|P| is a wrong dual point (a bug), never a certificate: say so on stderr in one
     * line (the signed value is reported as it is).
     */
    void warnIfNegative(io.github.spred4j.solver.FitResult r) {
        if (r.certificateName().equals("duality_gap") && r.certificate() < -io.github.spred4j.solver.Certificates.NEGATIVE_SLACK)
            err().println(String.format(java.util.Locale.ROOT,
                    "warning: negative duality gap %.3e at lambda=%.6g (a solver bug: the certificate cannot be trusted; please report it)",
                    r.certificate(), r.lambda()));
    }
}
