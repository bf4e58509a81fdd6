package org.sgdlimits.meanfield.dmft;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

/**
 * One multi-pass learning problem for the DMFT sweep (docs/dmft.md §1): n = α d Gaussian samples reused at every
 * step, teacher norm ρ = ‖w*‖²/d, labels y = φ(h*, ζ), loss ℓ, ridge λ, step sizes η_0 … η_{T−1} (η multiplies
 * the sum over the n samples, so tη is the O(1) time), the selection process (the algorithm), momentum, and the
 * initialisation w(0) = c₀ w* + v with v ⟂ w*, ‖v‖²/d = q_v. Immutable (the step-size array is copied).
 *
 * @param alpha      sample ratio α = n/d &gt; 0
 * @param rho        teacher norm ρ &gt; 0
 * @param teacher    the label map (with the label-noise standard deviation)
 * @param loss       the per-sample loss
 * @param ridge      λ ≥ 0
 * @param stepSizes  η_t &gt; 0 for t = 0 … T − 1 (T = length ≥ 1)
 * @param selection  the per-sample weight process
 * @param momentum   the momentum scheme
 * @param c0         initial teacher component (m(0) = c₀ρ)
 * @param qv         initial orthogonal norm q_v ≥ 0
 */
public record DmftModel(double alpha, double rho, TeacherMap teacher, Loss loss, double ridge, double[] stepSizes,
                        SelectionProcess selection, Momentum momentum, double c0, double qv) {

    public DmftModel {
        positive(alpha, "dmft.samplesPerDimension");
        positive(rho, "teacher norm rho");
        if (!(ridge >= 0) || !Double.isFinite(ridge)) {
            throw new InvalidFieldException(FieldPath.parse("dmft.ridge"), "" + ridge + "; must be a finite number >= 0");
        }
        if (stepSizes == null || stepSizes.length < 1) {
            throw new InvalidFieldException(FieldPath.parse("dmft.steps"), "must be an integer >= 1");
        }
        stepSizes = stepSizes.clone();
        for (double eta : stepSizes) {
            positive(eta, "dmft.stepSize");
        }
        if (!Double.isFinite(c0)) {
            throw new InvalidFieldException(FieldPath.parse("dmft.initial.teacherOverlap"), "" + c0 + "; must be a finite number");
        }
        if (!(qv >= 0) || !Double.isFinite(qv)) {
            throw new InvalidFieldException(FieldPath.parse("dmft.initial.orthogonalNorm"), "" + qv + "; must be a finite number >= 0");
        }
        if (teacher == null || loss == null || selection == null || momentum == null) {
            throw new InvalidFieldException(FieldPath.parse("dmft"), "teacher map, loss, algorithm and momentum are required");
        }
    }

    /** Constant step size η for T steps. */
    public static double[] constantSteps(double eta, int steps) {
        if (steps < 1) {
            throw new InvalidFieldException(FieldPath.parse("dmft.steps"), "" + steps + "; must be an integer >= 1");
        }
        double[] s = new double[steps];
        java.util.Arrays.fill(s, eta);
        return s;
    }

    /** Number of steps T. */
    public int steps() {
        return stepSizes.length;
    }

    /** η_t. */
    public double stepSize(int t) {
        return stepSizes[t];
    }

    @Override
    public double[] stepSizes() {
        return stepSizes.clone();
    }

    /** Label-noise variance σ². */
    public double labelNoise() {
        return teacher.noiseStd() * teacher.noiseStd();
    }

    /** m(0) = c₀ρ. */
    public double initialTeacherOverlap() {
        return c0 * rho;
    }

    /** The same model with other step sizes. */
    public DmftModel withStepSizes(double[] eta) {
        return new DmftModel(alpha, rho, teacher, loss, ridge, eta, selection, momentum, c0, qv);
    }

    /** The same model with another selection process. */
    public DmftModel withSelection(SelectionProcess s) {
        return new DmftModel(alpha, rho, teacher, loss, ridge, stepSizes, s, momentum, c0, qv);
    }

    /** Whether the exact Gaussian closure applies: square loss, linear teacher, full-batch GD. */
    public boolean exactClosureApplies() {
        return loss == StandardLoss.SQUARE && teacher instanceof TeacherMap.Linear && selection.deterministic();
    }

    private static void positive(double x, String field) {
        if (!(x > 0) || !Double.isFinite(x)) {
            throw new InvalidFieldException(FieldPath.parse(field), x + "; must be a finite number > 0");
        }
    }
}
