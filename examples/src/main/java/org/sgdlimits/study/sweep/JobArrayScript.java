package org.sgdlimits.study.sweep;

import java.nio.file.Path;
import java.util.List;

/**
 * The sbatch script of one submission: a job array of {@code tasks} tasks, task i running the cells listed on
 * lines [i·c, (i+1)·c) of the submission's cell list through the worker command
 * ({@code ... sweep-cells DIR --cells LIST --task i --cells-per-task c}). The batch shell forwards SIGTERM
 * (Slurm's early signal before the time limit, or scancel) to the worker, which then finishes the cell in
 * flight and starts no other.
 */
public final class JobArrayScript {
    private JobArrayScript() {
    }

    /**
     * @param worker    the command that starts the CLI (java, its options, -cp ..., main class), absolute paths
     * @param sweepDir  the sweep directory (absolute)
     * @param cellList  the file listing the cell keys of this submission, one per line (absolute)
     * @param logDir    where task logs go (absolute)
     * @param tasks     number of array tasks, ≥ 1
     */
    public static String of(SlurmSettings s, List<String> worker, Path sweepDir, Path cellList, Path logDir,
                            int tasks) {
        StringBuilder b = new StringBuilder();
        b.append("#!/bin/bash\n");
        b.append("#SBATCH --job-name=sgdlimits-sweep\n");
        b.append("#SBATCH --array=0-").append(tasks - 1).append('%').append(s.maxParallel()).append('\n');
        b.append("#SBATCH --ntasks=1\n");
        b.append("#SBATCH --cpus-per-task=1\n");
        b.append("#SBATCH --time=").append(s.time()).append('\n');
        b.append("#SBATCH --mem=").append(s.memory()).append('\n');
        if (s.signalSeconds() > 0) {
            b.append("#SBATCH --signal=B:TERM@").append(s.signalSeconds()).append('\n');
        }
        b.append("#SBATCH --output=").append(logDir.resolve("task-%A_%a.out")).append('\n');
        if (s.partition() != null) {
            b.append("#SBATCH --partition=").append(s.partition()).append('\n');
        }
        if (s.account() != null) {
            b.append("#SBATCH --account=").append(s.account()).append('\n');
        }
        s.extraLines().forEach(l -> b.append(l).append('\n'));
        b.append("# written by 'sgdlimits sweep --executor slurm': array task i runs the cells on lines\n");
        b.append("# [i*").append(s.cellsPerTask()).append(", (i+1)*").append(s.cellsPerTask()).append(") of ")
                .append(cellList).append('\n');
        b.append("set -u\n");
        for (String w : worker) {
            b.append(quote(w)).append(' ');
        }
        b.append("sweep-cells ").append(quote(sweepDir.toString())).append(" --cells ")
                .append(quote(cellList.toString())).append(" --task \"$SLURM_ARRAY_TASK_ID\" --cells-per-task ")
                .append(s.cellsPerTask()).append(" &\n");
        b.append("worker=$!\n");
        b.append("trap 'kill -TERM \"$worker\" 2>/dev/null' TERM\n");
        b.append("status=0\n");
        b.append("while kill -0 \"$worker\" 2>/dev/null; do wait \"$worker\"; status=$?; done\n");
        b.append("exit \"$status\"\n");
        return b.toString();
    }

    /** Single-quotes a word for bash. */
    static String quote(String word) {
        return word.matches("[A-Za-z0-9_./=:,+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
