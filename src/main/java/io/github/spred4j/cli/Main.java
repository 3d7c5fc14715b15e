package io.github.spred4j.cli;

import io.github.spred4j.api.DeviceException;
import io.github.spred4j.io.InputFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * {@code spred4j}: sparse regression from the shell. Subcommands fit, path, cv, predict, devices, demo.
 * Exit codes are in {@link ExitCode}; errors are one line on stderr (the stack trace with --verbose).
 */
@Command(name = "spred4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Sparse regression (lasso, elastic net, L1 logistic, group lasso) by sparsity-by-redundancy, on CPU or GPU, with certified exact zeros.",
        subcommands = {FitCommand.class, PathCommand.class, CvCommand.class, PredictCommand.class, DevicesCommand.class,
                DemoCommand.class, CommandLine.HelpCommand.class},
        footer = ExitCode.FOOTER)
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (fit, path, cv, predict, devices or demo)");
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line in-process with the given streams and returns the exit code (never exits). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        System.setProperty("java.awt.headless", "true");
        try {
            return commandLine(out, err).execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands only Exceptions to the handler; an Error would reach the user as a stack trace. By now
            // the stack has unwound, so whatever filled the heap is garbage and one line can be printed.
            err.println("spred4j: error: " + describe(e));
            err.flush();
            return ExitCode.INPUT;
        }
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true); // use the terminal's width when there is one (80 columns otherwise)
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> report(ex, cmd, cmd.getErr()));
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + oneLine(ex.getMessage())
                    + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            cmd.getErr().flush();
            return ExitCode.USAGE;
        });
        cl.setExitCodeExceptionMapper(t -> t instanceof CliException c ? c.exitCode : ExitCode.INTERNAL);
        // every subcommand's help ends with the exit codes
        for (CommandLine sub : cl.getSubcommands().values()) sub.getCommandSpec().usageMessage().footer(ExitCode.FOOTER);
        return cl;
    }

    static int report(Throwable ex, CommandLine cmd, PrintWriter err) {
        boolean verbose = cmd.getCommand() instanceof BaseCommand b && b.verbose();
        int code = exitCode(ex);
        String prefix = cmd.getCommandSpec().qualifiedName() + ": ";
        err.println(prefix + (code == ExitCode.INTERNAL ? "internal error: " : "error: ") + describe(ex));
        if (verbose) ex.printStackTrace(err);
        else if (code == ExitCode.INTERNAL) err.flush();
        err.flush();
        return code;
    }

    static int exitCode(Throwable ex) {
        if (ex instanceof CliException c) return c.exitCode;
        if (ex instanceof InputFormatException) return ExitCode.INPUT;
        if (ex instanceof IOException) return ExitCode.INPUT;
        if (ex instanceof java.io.UncheckedIOException) return ExitCode.INPUT;
        if (ex instanceof DeviceException) return ExitCode.BACKEND;
        if (ex instanceof IllegalArgumentException) return ExitCode.INPUT; // the solvers' validation of the data
        if (ex instanceof UnsupportedOperationException) return ExitCode.BACKEND; // e.g. an input kind a backend lacks
        if (ex instanceof OutOfMemoryError) return ExitCode.INPUT; // the input is too large for the heap
        if (ex instanceof ArithmeticException) return ExitCode.DIVERGED; // the solver's own divergence stop
        return ExitCode.INTERNAL;
    }

    static String describe(Throwable ex) {
        if (ex instanceof NoSuchFileException e) return e.getFile() + ": no such file";
        if (ex instanceof AccessDeniedException e) return e.getFile() + ": permission denied";
        if (ex instanceof java.nio.file.FileSystemException e)
            return e.getFile() + ": " + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName());
        if (ex instanceof java.io.UncheckedIOException e) return describe(e.getCause());
        if (ex instanceof OutOfMemoryError)
            return "out of memory: the input needs more than the Java heap's maximum of "
                    + io.github.spred4j.data.MemoryBudget.human(Runtime.getRuntime().maxMemory())
                    + " (raise it, e.g. JAVA_OPTS=-Xmx16g, or use a GPU backend with enough device memory)";
        String m = ex.getMessage();
        if (ex instanceof IllegalArgumentException && !(ex instanceof InputFormatException))
            return "invalid input: " + oneLine(m == null ? ex.getClass().getSimpleName() : m);
        if (ex instanceof ArithmeticException)
            return "diverged: " + oneLine(m) + "; nothing written (try --method lbfgs or --standardize)";
        if (ex instanceof UnsupportedOperationException)
            return "not supported: " + oneLine(m == null ? "this operation" : m) + " (try another --backend)";
        if (ex instanceof CliException || ex instanceof InputFormatException || ex instanceof IllegalArgumentException
                || ex instanceof DeviceException || ex instanceof IOException)
            return oneLine(m == null ? ex.getClass().getSimpleName() : m);
        return oneLine(ex.getClass().getName() + (m == null ? "" : ": " + m)) + " (rerun with --verbose for the stack trace)";
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /** The version from the jar manifest (Implementation-Version), or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"spred4j " + (v == null ? "dev" : v),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
