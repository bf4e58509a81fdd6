package org.sgdlimits.study.regimes;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The regime-comparison study (Arnaboldi, Stephan, Krzakala, Loureiro 2023; docs/theory.md §3 "Regimes"): one-pass SGD
 * against its three limits — classical (γ → 0: gradient flow), high-dimensional (d → ∞: the overlap ODE with
 * noise term) and overparametrised (p → ∞: the mean-field particle system) — and multi-pass gradient descent on
 * n = α d samples against its d → ∞ limit at fixed α (the DMFT of docs/dmft.md), each with the gap between
 * simulation and limit measured at several values of the parameter that goes to its limit, and the
 * fitted power law of the gap. Wires library calls ({@code narrow}, {@code meanfield}); holds no physics.
 *
 * <p>Deterministic for a given {@link RegimeStudySettings} (seeded streams, thread-count independent).
 */
public final class RegimeStudy {
    private final RegimeStudySettings settings;

    public RegimeStudy(RegimeStudySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public RegimeStudySettings settings() {
        return settings;
    }

    /**
     * One regime of the study, in the order run: its planned steps and its computation. Every regime is run the
     * same way (timed, then the interrupt checked), so adding one is one entry in {@link #regimes()}.
     */
    private record Entry(long plannedSteps, java.util.function.Function<StudyProgress, RegimeResult> run) {
    }

    private List<Entry> regimes() {
        long seed = settings.seed();
        int threads = settings.threads();
        return List.of(
                new Entry(ClassicalRegime.plannedSteps(settings.classical()),
                        p -> ClassicalRegime.run(settings.classical(), seed, threads, p)),
                new Entry(HighDimensionalRegime.plannedSteps(settings.highDimensional()),
                        p -> HighDimensionalRegime.run(settings.highDimensional(), seed, threads, p)),
                new Entry(MeanFieldRegime.plannedSteps(settings.meanField()),
                        p -> MeanFieldRegime.run(settings.meanField(), seed, threads, p)),
                new Entry(MultiPassRegime.plannedSteps(settings.multiPass()),
                        p -> MultiPassRegime.run(settings.multiPass(), seed, p)));
    }

    /**
     * Steps of the whole study (for a progress bar): SGD steps of the one-pass regimes plus the per-sample gradient
     * evaluations of the multi-pass one.
     */
    public long plannedSteps() {
        return regimes().stream().mapToLong(Entry::plannedSteps).sum();
    }

    /** Runs the regimes in order (classical, high-dimensional, mean-field, multi-pass), each with its wall time. */
    public List<RegimeResult> run(StudyProgress progress) {
        Objects.requireNonNull(progress, "progress");
        List<RegimeResult> results = new ArrayList<>();
        for (Entry e : regimes()) {
            checkInterrupted();
            long t0 = System.nanoTime();
            results.add(e.run().apply(progress).withSeconds((System.nanoTime() - t0) * 1e-9));
        }
        return results;
    }

    private static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("regime study interrupted");
        }
    }
}
