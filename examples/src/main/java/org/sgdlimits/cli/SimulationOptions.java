package org.sgdlimits.cli;

import org.sgdlimits.narrow.simulation.EngineKind;
import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;
import picocli.CommandLine.Option;

/**
 * The options of a finite-d SGD simulation over several seeds ({@code @Mixin} of {@code simulate} and
 * {@code compare}); validated by {@link SimulateCommand.Setup#of}.
 */
final class SimulationOptions {

    @Option(names = {"-d", "--dimension"}, paramLabel = "D",
            description = "input dimension d of the simulation (default: the experiment's 'dimension', else "
                    + "initial.random.dimension)")
    Integer dimension;

    @Option(names = {"-s", "--seeds"}, paramLabel = "S", description = "number of seeds (default: ${DEFAULT-VALUE})")
    int seeds = 8;

    @Option(names = "--seed", paramLabel = "BASE", description = "base seed of the random streams (default: ${DEFAULT-VALUE})")
    long baseSeed = 1;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "explicit or gram (default: ${DEFAULT-VALUE})")
    String engine = "explicit";

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all processors)")
    Integer threads;

    /**
     * An {@code --engine} option value (of {@code simulate}, {@code compare} and {@code escape}), parsed by
     * {@link EngineKind#parse}; the error names the option.
     */
    static EngineKind engineKind(String option) {
        try {
            return EngineKind.parse(option);
        } catch (InvalidFieldException x) {
            throw x.at(FieldPath.of("--engine"));
        }
    }
}
