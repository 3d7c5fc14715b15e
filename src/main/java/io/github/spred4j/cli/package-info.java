/**
 * The {@code spred4j} command line (picocli): {@code fit}, {@code path}, {@code cv}, {@code predict},
 * {@code devices}, {@code demo}. Results go to stdout (text or one JSON object with {@code --json}); progress and
 * errors go to stderr, progress only on a terminal. Exit codes: {@link io.github.spred4j.cli.ExitCode}.
 * Entry points: {@link io.github.spred4j.cli.Main#main(String[])} and, in-process,
 * {@link io.github.spred4j.cli.Main#run(String[], java.io.PrintWriter, java.io.PrintWriter)}.
 */
package io.github.spred4j.cli;
