package org.sgdlimits.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that writes one run into an output directory, the "options" part of the skeleton every such command
 * shares (options → run → write): the shared options {@code --out}/{@code --force} ({@link OutputOptions}) and
 * {@code --quiet} ({@link QuietOption}), and {@link #call}, which runs {@link #run} through the {@link CommandRun}
 * life cycle. A subclass declares only its own options and its body, which validates them with
 * {@link CommandRun#prepare} and then calls {@link CommandRun#runAndWrite} (docs/architecture.md, "How to add a
 * command").
 */
abstract class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    QuietOption quiet;

    @Override
    public final Integer call() {
        return CommandRun.execute(spec, output.directory(), quiet.quiet, this::run);
    }

    /**
     * The command's body: validate the options, run, write.
     *
     * @return the exit code ({@link SgdLimits#OK} unless the command has its own)
     * @throws CommandRun.Exit when a step failed (already reported)
     */
    abstract int run(CommandRun run) throws CommandRun.Exit;
}
