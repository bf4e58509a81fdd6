package org.sgdlimits.meanfield.dmft;

import java.util.ArrayList;
import java.util.List;
import org.sgdlimits.activation.StandardNormal;
import org.sgdlimits.gauss.GaussHermiteRule;

/**
 * The observables of a generalised linear student at order parameters (m, q) (docs/dmft.md §1), in one place
 * for the DMFT engines and the finite-d simulator: excess risk ½(ρ − 2m + q) = ½E[(r − h*)²], test risk
 * E[ℓ(r, φ(h*, ζ))] on a fresh sample (closed form for square loss with a linear teacher, ε + σ²/2; otherwise a
 * quadrature: h* split at 0 with composite Simpson on each half-line, Gauss–Hermite in the student's own noise
 * and in ζ), classification error arccos(m/√(ρq))/π for a sign teacher, the generalisation gap test − train.
 * Immutable.
 */
public final class GlmObservables {
    /** Column names, in order (classification_error only for a sign teacher). */
    public static final String M = "m";
    public static final String Q = "q";
    public static final String TEST_RISK = "test_risk";
    public static final String EXCESS_RISK = "excess_risk";
    public static final String TRAIN_LOSS = "train_loss";
    public static final String GAP = "generalisation_gap";
    public static final String CLASSIFICATION_ERROR = "classification_error";
    private static final int HALF_LINE_INTERVALS = 160;
    private static final double HALF_LINE_END = 8.5;

    private final double rho;
    private final TeacherMap teacher;
    private final Loss loss;
    private final GaussHermiteRule studentNoise = new GaussHermiteRule(32);
    private final GaussHermiteRule labelNoise;

    public GlmObservables(double rho, TeacherMap teacher, Loss loss) {
        this.rho = rho;
        this.teacher = teacher;
        this.loss = loss;
        this.labelNoise = new GaussHermiteRule(teacher.noiseStd() > 0 ? 16 : 1);
    }

    /** The observables of {@code model}. */
    public static GlmObservables of(DmftModel model) {
        return new GlmObservables(model.rho(), model.teacher(), model.loss());
    }

    /** Column names of {@link #row}. */
    public List<String> columns() {
        List<String> c = new ArrayList<>(List.of(M, Q, TEST_RISK, EXCESS_RISK, TRAIN_LOSS, GAP));
        if (teacher instanceof TeacherMap.Sign) {
            c.add(CLASSIFICATION_ERROR);
        }
        return c;
    }

    /** The values of {@link #columns} at (m, q) with the given training loss. */
    public double[] row(double m, double q, double trainLoss) {
        double test = testRisk(m, q);
        double[] r = new double[columns().size()];
        r[0] = m;
        r[1] = q;
        r[2] = test;
        r[3] = excessRisk(m, q);
        r[4] = trainLoss;
        r[5] = test - trainLoss;
        if (r.length > 6) {
            r[6] = classificationError(m, q);
        }
        return r;
    }

    /** ½(ρ − 2m + q). */
    public double excessRisk(double m, double q) {
        return 0.5 * (rho - 2 * m + q);
    }

    /** arccos(m/√(ρq))/π (½ when q = 0). */
    public double classificationError(double m, double q) {
        if (!(q > 0)) {
            return 0.5;
        }
        return Math.acos(Math.max(-1, Math.min(1, m / Math.sqrt(rho * q)))) / Math.PI;
    }

    /** E[ℓ(r, φ(h*, ζ))] with (h*, r) jointly Gaussian, variances ρ and q, covariance m. */
    public double testRisk(double m, double q) {
        if (loss == StandardLoss.SQUARE && teacher instanceof TeacherMap.Linear) {
            return excessRisk(m, q) + 0.5 * teacher.noiseStd() * teacher.noiseStd();
        }
        double slope = m / rho;
        double sd = Math.sqrt(Math.max(0.0, q - m * m / rho));
        double sqrtRho = Math.sqrt(rho);
        double h = HALF_LINE_END / HALF_LINE_INTERVALS;
        double total = 0;
        for (int side = -1; side <= 1; side += 2) {
            for (int k = 0; k <= HALF_LINE_INTERVALS; k++) {
                double z = side * k * h;
                double simpson = (k == 0 || k == HALF_LINE_INTERVALS) ? 1 : (k % 2 == 1 ? 4 : 2);
                double density = StandardNormal.density(z);
                double hs = sqrtRho * z;
                double hLabel = k == 0 ? side * Double.MIN_VALUE : hs; // the limit from this side (sign teacher)
                double inner = 0;
                for (int a = 0; a < labelNoise.size(); a++) {
                    double y = teacher.label(hLabel, labelNoise.node(a));
                    double e = 0;
                    for (int b = 0; b < studentNoise.size(); b++) {
                        e += studentNoise.weight(b) * loss.value(slope * hs + sd * studentNoise.node(b), y);
                    }
                    inner += labelNoise.weight(a) * e;
                }
                total += simpson * h / 3 * density * inner;
            }
        }
        return total;
    }
}
