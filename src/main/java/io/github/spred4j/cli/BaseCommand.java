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
