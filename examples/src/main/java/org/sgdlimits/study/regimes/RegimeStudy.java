package org.sgdlimits.study.regimes;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The regime-comparison study (Arnaboldi, Stephan, Krzakala, Loureiro 2023; docs/theory.md §3 "Regimes"): one-pass SGD
 * against its three limits — classical (γ → 0: gradient flow), high-dimensional (d → ∞: the overlap ODE with
 * noise term) and overparametrised (p → ∞: the mean-field particle system) — each with the gap between
 * simulation and limit measured at three or more values of the parameter that goes to its limit, and the
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

    /** SGD steps of the whole study (for a progress bar). */
    public long plannedSteps() {
        return ClassicalRegime.plannedSteps(settings.classical())
                + HighDimensionalRegime.plannedSteps(settings.highDimensional())
                + MeanFieldRegime.plannedSteps(settings.meanField());
    }

    /** Runs the three regimes in order (classical, high-dimensional, mean-field). */
    public List<RegimeResult> run(StudyProgress progress) {
        Objects.requireNonNull(progress, "progress");
        List<RegimeResult> results = new ArrayList<>();
        long t0 = System.nanoTime();
        results.add(ClassicalRegime.run(settings.classical(), settings.seed(), settings.threads(), progress)
                .withSeconds((System.nanoTime() - t0) * 1e-9));
        checkInterrupted();
        long t1 = System.nanoTime();
        results.add(HighDimensionalRegime.run(settings.highDimensional(), settings.seed(), settings.threads(),
                progress).withSeconds((System.nanoTime() - t1) * 1e-9));
        checkInterrupted();
        long t2 = System.nanoTime();
        results.add(MeanFieldRegime.run(settings.meanField(), settings.seed(), settings.threads(), progress)
                .withSeconds((System.nanoTime() - t2) * 1e-9));
        return results;
    }

    private static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("regime study interrupted");
        }
    }
}
