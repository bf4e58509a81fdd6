package org.sgdlimits.cli;

import java.util.Locale;
import org.sgdlimits.experiment.Experiment;

/**
 * A rough lower bound on the heap a run will need, tied to the input field that drives it, so that an absurd
 * size (a PDE grid of 10⁹ cells, p = 10⁵ in the ODE, d × seeds beyond the heap) is refused before the run with
 * one line naming the field ({@link CommandRun#requireMemory}), instead of an OutOfMemoryError after minutes.
 * The counts are of the large double arrays each engine allocates (8 bytes each); they are lower bounds (the
 * refusal is for runs that cannot fit, not a precise prediction).
 *
 * @param field the input field that sets the size (as the user wrote it: "student.p", "--dimension", ...)
 * @param what  what is being sized, e.g. "the recorded trajectory (200 rows x 10004 columns)"
 * @param bytes estimated bytes
 */
record MemoryEstimate(String field, String what, double bytes) {
    private static final double DOUBLE = 8;
    /** Copies of a trajectory table alive at once: the recorder's rows, the immutable table, a writer's buffer. */
    private static final int TRAJECTORY_COPIES = 3;
    /**
     * Double arrays of the grid size held by the density PDE: state, its derivative and Runge–Kutta stages,
     * velocities and rates in both directions, face fluxes (±, both directions), limiter and cached fluxes
     * (ContinuityPde's workspace has about twenty).
     */
    static final int PDE_ARRAYS_PER_CELL = 24;

    /** Columns of a narrow trajectory: risk, excess risk, M (p×k), Q (p×p), a (p). */
    static double narrowColumns(int p, int k) {
        return 2.0 + (double) p * k + (double) p * p + p;
    }

    /** The ODE of an experiment: its recorded trajectory and the integrator's stages on the (p+k)² state. */
    static MemoryEstimate ode(Experiment e) {
        int p = e.p();
        double columns = narrowColumns(p, e.k());
        double rows = e.time().points();
        double state = (double) (p + e.k()) * (p + e.k());
        double bytes = DOUBLE * (TRAJECTORY_COPIES * rows * columns + 16 * state);
        String field = rows > columns ? "time.points" : "student.p";
        return new MemoryEstimate(field, String.format(Locale.ROOT, "the overlap ODE at p = %d (%.0f rows x "
                + "%.0f columns recorded, %.0f state components)", p, rows, columns, state), bytes);
    }

    /**
     * A multi-seed simulation: each worker thread holds a student and a teacher of d inputs each (explicit
     * engine) and every seed keeps its trajectory until the reduction.
     */
    static MemoryEstimate simulation(Experiment e, int dimension, int seeds, int threads, boolean explicit) {
        int p = e.p();
        int k = e.k();
        double rows = e.time().points();
        double perWorker = explicit ? (double) (p + k + 2) * dimension * 2 : (double) (p + k + e.batchSize()) * (p + k
                + e.batchSize()) * 4;
        double trajectories = (seeds + 2.0) * rows * narrowColumns(p, k) * 2;
        double bytes = DOUBLE * (Math.min(threads, seeds) * perWorker + trajectories);
        String field = explicit && perWorker * Math.min(threads, seeds) > trajectories ? "--dimension" : "--seeds";
        return new MemoryEstimate(field, String.format(Locale.ROOT, "the simulation at d = %d with %d seeds on %d "
                + "threads (p = %d, %.0f recorded rows per seed)", dimension, seeds, Math.min(threads, seeds), p, rows),
                bytes);
    }

    /** The density PDE on xiCells × qCells. */
    static MemoryEstimate pdeGrid(int xiCells, int qCells, int snapshots) {
        double cells = (double) xiCells * qCells;
        return new MemoryEstimate("meanfield.pde.xiCells x meanfield.pde.qCells", String.format(Locale.ROOT,
                "the density PDE on %d x %d = %.3g cells", xiCells, qCells, cells),
                DOUBLE * cells * (PDE_ARRAYS_PER_CELL + snapshots));
    }

    /** A particle system of p particles with k teacher overlaps each; {@code pairs}: the full p×p engine. */
    static MemoryEstimate particles(int p, int k, boolean pairs) {
        double perParticle = 8.0 * (k + 2);
        double bytes = DOUBLE * ((double) p * perParticle + (pairs ? 4.0 * p * p : 0));
        return new MemoryEstimate("student.p", String.format(Locale.ROOT, "%d particles%s", p,
                pairs ? " with their p x p overlaps" : ""), bytes);
    }

    /** "1.5 GiB", "300 MiB". */
    static String human(double bytes) {
        double gib = bytes / (1L << 30);
        return gib >= 1 ? String.format(Locale.ROOT, "%.3g GiB", gib)
                : String.format(Locale.ROOT, "%.3g MiB", bytes / (1L << 20));
    }
}
