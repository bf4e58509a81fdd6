package org.sgdlimits.cli;

import java.io.PrintWriter;
import java.util.List;
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
        subcommands = {OdeCommand.class, CheckCommand.class, SimulateCommand.class, CompareCommand.class, EscapeCommand.class, RegimesCommand.class, InformationExponentCommand.class, OptimizeScheduleCommand.class, MeanfieldCommand.class, DmftCommand.class, SweepCommand.class, SweepCellsCommand.class, CommandLine.HelpCommand.class},
        description = {
            "Exact low-dimensional dynamics of one-pass SGD for two-layer networks (teacher-student): "
                + "overlap ODEs, finite-d simulations, mean-field limits.",
            "One experiment file (JSON) describes one run. Fields, defaults and output formats: README.md; "
                + "conventions and equations: docs/theory.md."},
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

    /** Without a sub-command: the command list on standard error and {@link #BAD_INPUT} (nothing was asked). */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        spec.commandLine().usage(err);
        err.println();
        err.println("sgdlimits: no command given; choose one of the commands above");
        err.flush();
        return BAD_INPUT;
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
                hint = "; did you mean " + String.join(" or ", closest(u.getUnmatched(), u.getSuggestions())) + "?";
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

    /** The suggestions nearest (in edit distance) to the first unmatched word: "odee" gives "ode", not "sweep". */
    private static List<String> closest(List<String> unmatched, List<String> suggestions) {
        if (unmatched.isEmpty()) {
            return suggestions;
        }
        String word = unmatched.get(0);
        int best = suggestions.stream().mapToInt(s -> editDistance(word, s)).min().orElse(0);
        return suggestions.stream().filter(s -> editDistance(word, s) == best).toList();
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
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
