package org.sgdlimits.meanfield.dmft;

import java.util.ArrayList;
import java.util.List;
import org.sgdlimits.dynamics.PopulationDrift;
import org.sgdlimits.gauss.GaussianMoments;

/**
 * The observables of a committee at overlaps (M, Q), in one place for the committee DMFT engine and its
 * finite-d simulator: the population risk R = ½E[(f − y)²] = ε + Δ/2 and the excess risk ε = ½E[(f − f*)²] on a
 * fresh sample from {@link PopulationDrift#excessRisk} (closed-form Gaussian moments of docs/theory.md §3.4 for
 * erf and ReLU, quadrature otherwise), the training loss, the generalisation gap test − train, then M_i_r and
 * Q_i_j (full p×p, 0-based, docs/theory.md §7 naming). Square loss only: the test risk is the risk of the square
 * loss. Immutable.
 */
public final class CommitteeObservables {
    /** Column names. */
    public static final String TEST_RISK = GlmObservables.TEST_RISK;
    public static final String EXCESS_RISK = GlmObservables.EXCESS_RISK;
    public static final String TRAIN_LOSS = GlmObservables.TRAIN_LOSS;
    public static final String GAP = GlmObservables.GAP;

    private final int p;
    private final int k;
    private final double[] a;
    private final PopulationDrift drift;

    /** The observables of {@code model}. */
    public CommitteeObservables(CommitteeModel model) {
        this.p = model.p();
        this.k = model.k();
        this.a = model.initial().studentSecondLayer();
        this.drift = new PopulationDrift(GaussianMoments.forPair(model.student(), model.teacher()),
                model.initial().teacherOverlapMatrix(), model.initial().teacherSecondLayer(), model.labelNoise())
                .withThreads(1);
    }

    /** The column names of {@link #row}. */
    public List<String> columns() {
        List<String> c = new ArrayList<>(List.of(TEST_RISK, EXCESS_RISK, TRAIN_LOSS, GAP));
        c.addAll(overlapColumns(p, k));
        return c;
    }

    /** M_i_r (row-major) then Q_i_j (full p×p). */
    static List<String> overlapColumns(int p, int k) {
        List<String> c = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            for (int r = 0; r < k; r++) {
                c.add("M_" + i + "_" + r);
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                c.add("Q_" + i + "_" + j);
            }
        }
        return c;
    }

    /** The values of {@link #columns} at M (p×k), Q (p×p) with the given training loss. */
    public double[] row(double[] m, double[] q, double trainLoss) {
        double excess = drift.excessRisk(q, m, a);
        double test = excess + 0.5 * drift.labelNoise();
        double[] r = new double[4 + p * k + p * p];
        r[0] = test;
        r[1] = excess;
        r[2] = trainLoss;
        r[3] = test - trainLoss;
        System.arraycopy(m, 0, r, 4, p * k);
        System.arraycopy(q, 0, r, 4 + p * k, p * p);
        return r;
    }
}
