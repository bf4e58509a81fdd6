package org.sgdlimits.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sgdlimits.study.sweep.SlurmSettings;
import picocli.CommandLine.Option;

/** The Slurm executor's options of {@code sgdlimits sweep} ({@code @Mixin}). */
final class SlurmOptions {
    @Option(names = "--partition", paramLabel = "NAME", description = "slurm: partition (default: the cluster's)")
    String partition;

    @Option(names = "--account", paramLabel = "NAME", description = "slurm: account to charge")
    String account;

    @Option(names = "--time", paramLabel = "LIMIT", description = "slurm: time limit per array task (default ${DEFAULT-VALUE})")
    String time = "01:00:00";

    @Option(names = "--mem", paramLabel = "SIZE", description = "slurm: memory per array task (default ${DEFAULT-VALUE})")
    String memory = "2G";

    @Option(names = "--cells-per-task", paramLabel = "C",
            description = "slurm: cells run one after the other in one array task (one JVM start; default ${DEFAULT-VALUE})")
    int cellsPerTask = 10;

    @Option(names = "--max-parallel", paramLabel = "M",
            description = "slurm: array tasks running at once, --array=0-N%%M (default ${DEFAULT-VALUE})")
    int maxParallel = 100;

    @Option(names = "--signal-seconds", paramLabel = "S",
            description = "slurm: SIGTERM this long before the time limit; the task finishes its cell and stops (default ${DEFAULT-VALUE}; 0: none)")
    int signalSeconds = 60;

    @Option(names = "--sbatch-line", paramLabel = "LINE",
            description = "slurm: an extra '#SBATCH ...' line for the job script (repeatable)")
    List<String> sbatchLines = new ArrayList<>();

    @Option(names = "--slurm-conf", paramLabel = "FILE",
            description = "slurm: configuration file (sets SLURM_CONF for sbatch, squeue and the tasks)")
    Path slurmConf;

    @Option(names = "--poll-seconds", paramLabel = "S", description = "slurm: seconds between squeue calls (default ${DEFAULT-VALUE})")
    double pollSeconds = 5;

    @Option(names = "--no-wait", description = "slurm: submit and return; merge later with 'sgdlimits sweep DIR --merge'")
    boolean noWait;

    /** @throws org.sgdlimits.experiment.ExperimentException naming the option when a value is invalid */
    SlurmSettings settings() {
        return new SlurmSettings(partition, account, time, memory, cellsPerTask, maxParallel, signalSeconds,
                sbatchLines, slurmConf, pollSeconds);
    }
}
