package io.github.spred4j.cli;

import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {
    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr (progress is shown only on a terminal anyway).")
    boolean quiet;

    @Option(names = "--verbose", description = "On error, print the stack trace after the one-line message.")
    boolean verbose;
}
