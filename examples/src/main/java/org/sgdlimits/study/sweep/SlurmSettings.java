package org.sgdlimits.study.sweep;

import java.nio.file.Path;
import java.util.List;
import org.sgdlimits.experiment.ExperimentException;

/**
 * How the Slurm executor submits a sweep: one job array, each array task running {@code cellsPerTask} cells in
 * one JVM (start-up amortised), at most {@code maxParallel} tasks at once.
 *
 * @param partition     {@code --partition}, or null for the cluster's default
 * @param account       {@code --account}, or null
 * @param time          time limit per array task ({@code --time}, Slurm format: "MM", "HH:MM:SS", "D-HH:MM:SS")
 * @param memory        memory per task ({@code --mem}, e.g. "2G")
 * @param cellsPerTask  cells per array task, ≥ 1
 * @param maxParallel   array tasks running at once ({@code --array=0-N%max}), ≥ 1
 * @param signalSeconds SIGTERM this many seconds before the time limit ({@code --signal=B:TERM@S}): the task
 *                      finishes the cell in flight and starts no other
 * @param extraLines    further {@code #SBATCH} lines, verbatim (each must start with "#SBATCH ")
 * @param slurmConf     a Slurm configuration file (exported as SLURM_CONF to sbatch/squeue/scancel and the
 *                      tasks), or null for the client's default
 * @param pollSeconds   seconds between two squeue calls while following the job
 */
public record SlurmSettings(String partition, String account, String time, String memory, int cellsPerTask,
                            int maxParallel, int signalSeconds, List<String> extraLines, Path slurmConf,
                            double pollSeconds) {
    public SlurmSettings {
        extraLines = List.copyOf(extraLines);
        if (partition != null && !partition.matches("[A-Za-z0-9_.,-]+")) {
            throw new ExperimentException("--partition", "'" + partition + "'; a Slurm partition name");
        }
        if (account != null && !account.matches("[A-Za-z0-9_.-]+")) {
            throw new ExperimentException("--account", "'" + account + "'; a Slurm account name");
        }
        if (!time.matches("(\\d+-)?\\d+(:\\d{1,2}){0,2}")) {
            throw new ExperimentException("--time", "'" + time + "'; allowed forms: MM, HH:MM:SS, D-HH:MM:SS");
        }
        if (!memory.matches("\\d+[KMGT]?")) {
            throw new ExperimentException("--mem", "'" + memory + "'; e.g. 2G, 500M");
        }
        if (cellsPerTask < 1) {
            throw new ExperimentException("--cells-per-task", cellsPerTask + "; must be an integer >= 1");
        }
        if (maxParallel < 1) {
            throw new ExperimentException("--max-parallel", maxParallel + "; must be an integer >= 1");
        }
        if (signalSeconds < 0 || signalSeconds > 65535) {
            throw new ExperimentException("--signal-seconds", signalSeconds + "; must be an integer from 0 to 65535");
        }
        for (String line : extraLines) {
            if (!line.startsWith("#SBATCH ") || line.contains("\n")) {
                throw new ExperimentException("--sbatch-line", "'" + line + "'; each line must start with "
                        + "'#SBATCH ' (e.g. '#SBATCH --qos=short')");
            }
        }
        if (slurmConf != null && !java.nio.file.Files.isRegularFile(slurmConf)) {
            throw new ExperimentException("--slurm-conf", slurmConf + " is not a file");
        }
        if (!(pollSeconds > 0)) {
            throw new ExperimentException("--poll-seconds", pollSeconds + "; must be > 0");
        }
    }
}
