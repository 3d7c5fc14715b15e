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
}
