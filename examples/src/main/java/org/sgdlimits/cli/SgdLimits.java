package org.sgdlimits.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.sgdlimits.io.RunReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code sgdlimits} command-line application: one sub-command per job.
 *
 * <p>Adding a command: write a {@code Callable<Integer>} class in this package annotated with {@code @Command}
 * (description, and a {@code footer} with "Examples:" lines), add it to {@code subcommands} below, take the
 * shared options as {@code @Mixin}s ({@link OutputOptions} for --out/--force, {@link QuietOption},
 * {@link TrajectoryFormatOption}, {@link ExperimentFileParameter}, {@link SimulationOptions}) and run the body
 * through {@link CommandRun}: it validates all input before anything is written (an
 * {@link IllegalArgumentException} becomes one line and {@link #BAD_INPUT}), announces the run, shows the
 * interrupt notice, and writes files through {@link OutputDirectory} and {@link RunOutputs} (atomic, announced,
 * rolled back on failure), run.json last. Progress: {@link TerminalProgress}.
 *
 * <p>Exit codes: {@link #OK} (outputs written; a diverged run is a result, reported in the summary and in
 * run.json), {@link #RUN_FAILED} (the engine or the file system failed; no output left behind),
 * {@link #BAD_INPUT} (wrong option or invalid experiment file; nothing written).
 */
@Command(name = "sgdlimits",
        mixinStandardHelpOptions = true,
        versionProvider = SgdLimits.Version.class,
        subcommands = {OdeCommand.class, CheckCommand.class, SimulateCommand.class, CompareCommand.class, EscapeCommand.class, RegimesCommand.class, InformationExponentCommand.class, MeanfieldCommand.class, CommandLine.HelpCommand.class},
        description = {
            "Exact low-dimensional dynamics of one-pass SGD for two-layer networks (teacher-student): "
                + "overlap ODEs, finite-d simulations, mean-field limits.",
            "One experiment file (JSON) describes one run. Fields, defaults and output formats: README.md; "
                + "conventions: shared/SPEC.md."},
        footer = {
            "",
            "Examples:",
            "  ./sgdlimits ode examples/saad-solla-plateau.json --out runs/plateau",
            "  ./sgdlimits check examples/saad-solla-plateau.json   # print with defaults",
            "  ./sgdlimits help ode",
            "",
            "Exit codes: 0 outputs written, 1 run failed (nothing left behind),",
            "            2 bad input (nothing written)."})
public final class SgdLimits implements Callable<Integer> {
    /** Outputs written. */
    public static final int OK = 0;
    /** The run itself failed (engine error, disk full, ...); no partial output is left behind. */
    public static final int RUN_FAILED = 1;
    /** Bad option or invalid experiment file; nothing was written. */
    public static final int BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    /** Without a sub-command: print the command list. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return OK;
    }

    /**
     * A command line with one-line error messages for bad options (the default picocli handler prints the
     * whole usage after the message). Experiment-file errors are one line with or without it.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SgdLimits());
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter err = c.getErr();
            boolean top = c.getCommandName().equals("sgdlimits");
            String name = top ? "sgdlimits" : "sgdlimits " + c.getCommandName();
            String hint = "";
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                hint = "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
            }
            err.println(name + ": " + ex.getMessage() + hint + " (see '" + name + " --help')");
            err.flush();
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            c.getErr().println("sgdlimits " + c.getCommandName() + ": internal error: " + ex
                    + (System.getenv("SGDLIMITS_DEBUG") == null ? " (set SGDLIMITS_DEBUG=1 for the stack trace)" : ""));
            if (System.getenv("SGDLIMITS_DEBUG") != null) {
                ex.printStackTrace(c.getErr());
            }
            c.getErr().flush();
            return RUN_FAILED;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Version from the jar's Maven metadata. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"sgdlimits " + RunReport.softwareVersion() + " (Java "
                    + System.getProperty("java.version") + ")"};
        }
    }
}
