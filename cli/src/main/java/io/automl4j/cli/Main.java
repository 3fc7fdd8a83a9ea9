package io.automl4j.cli;

import io.automl4j.api.AutoMLException;
import io.automl4j.api.DataFormatException;
import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.ModelFormatException;
import io.automl4j.api.TrainingFailedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The {@code automl4j} command line. Exit codes: 0 success, 1 training failed, 2 bad arguments or input (one-line
 * message; the stack trace only with {@code --verbose}).
 */
@Command(name = "automl4j", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "AutoML for tabular data on the JVM.",
        subcommands = {TrainCommand.class, PredictCommand.class, QuickstartCommand.class, RegistryCommand.class,
                ForecastCommand.class})
public final class Main implements Runnable {
    /** Exit code for bad arguments or input. */
    static final int EXIT_USAGE = 2;
    /** Exit code when no model could be trained. */
    static final int EXIT_FAILED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the CLI without exiting, for tests.
     *
     * @param args arguments
     * @param out  standard output
     * @param err  standard error
     * @return the exit code
     */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        // the library logs through slf4j; the CLI shows events itself, so keep the backend quiet unless --verbose
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "error");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            int code = exitCode(ex);
            commandLine.getErr().println("error: " + message(ex));
            if (verbose) {
                ex.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return code;
        });
        cl.setParameterExceptionHandler((ex, args2) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("error: " + ex.getMessage());
            c.getErr().println("try: " + c.getCommandSpec().qualifiedName() + " --help");
            c.getErr().flush();
            return EXIT_USAGE;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static int exitCode(Throwable ex) {
        if (ex instanceof TrainingFailedException) {
            return EXIT_FAILED;
        }
        // a corrupt artifact or a storage failure is not a usage error
        if (ex instanceof io.automl4j.registry.ArtifactIntegrityException
                || ex.getClass() == io.automl4j.registry.RegistryException.class) {
            return EXIT_FAILED;
        }
        if (ex instanceof InvalidJobSpecException || ex instanceof DataFormatException
                || ex instanceof ModelFormatException || ex instanceof IllegalArgumentException
                || ex instanceof IllegalStateException || ex instanceof UncheckedIOException
                || ex instanceof java.io.IOException || ex instanceof AutoMLException) {
            return EXIT_USAGE;
        }
        return EXIT_FAILED;
    }

    static String message(Throwable ex) {
        String m = ex.getMessage();
        return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reports the library version. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"automl4j " + io.automl4j.core.internal.Version.LIBRARY};
        }
    }
}
