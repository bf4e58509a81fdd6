package org.sgdlimits.narrow.simulation;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

import java.util.Objects;
import java.util.function.Consumer;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.overlap.Biases;
import org.sgdlimits.schedule.LearningRate;
import org.sgdlimits.schedule.LearningRateSchedule;
import org.sgdlimits.schedule.SecondLayerLearningRate;

/**
 * How the finite-d network is trained (docs/theory.md §2); immutable, validated. One step, with γ_s = γ·s(t) and a
 * mini-batch of B fresh samples x_b ~ N(0, I_d), labels y_b = f*(x_b) + √Δ z_b, errors e_b = f(x_b) − y_b:
 * <pre>
 *   w_i ← (1 − γ_s λ_wd/(p d)) w_i − (γ_s/(p B)) Σ_b e_b a_i σ'(λ_ib) x_b/√d
 *   a_i ← a_i − (γ_a s(t)/(p d B)) Σ_b e_b σ(λ_ib)            (only when the second layer is trained)
 * </pre>
 * both with the weights and second layer from before the step; then, for spherical SGD, each w_i is rescaled
 * to norm √d. ODE time advances by γ/(p d) per step (base γ, not γ_s: the schedule scales the drift).
 *
 * @param student                 student activation σ
 * @param teacher                 teacher activation σ*
 * @param labelNoise              label-noise variance Δ ≥ 0
 * @param rate                    γ (validated by {@link LearningRate}); {@link #learningRate()} is its value
 * @param secondLayerRate         γ_a of a trained second layer (validated by {@link SecondLayerLearningRate}), or
 *                                null when a is fixed; {@link #secondLayerLearningRate()} is its value (0 when fixed)
 * @param weightDecay             λ_wd ≥ 0
 * @param batchSize               B ≥ 1
 * @param schedule                s(t), applied to γ and γ_a
 * @param spherical               project each student row back to norm √d after every step
 * @param divergenceBound         a run ends as diverged when a recorded |Q_ij|, |M_ir| or |a_i| exceeds this,
 *                                or when a step produces a non-finite error
 * @param heldOutSamples          size of the held-out Monte Carlo sample for the end-of-run risk cross-check
 *                                (0 disables it)
 * @param biases                  the biases (docs/theory.md §3.11): λ_i = w_i·x/√d + b_i, λ*_r = w*_r·x/√d + b*_r
 *                                and, when trained, b_i ← b_i − (γ_b s/(p d B)) Σ_b e_b a_i σ'(λ_ib); null for
 *                                a model without biases
 */
public record SgdSettings(Activation student, Activation teacher, double labelNoise, LearningRate rate,
                          SecondLayerLearningRate secondLayerRate, double weightDecay,
                          int batchSize, LearningRateSchedule schedule, boolean spherical, double divergenceBound,
                          int heldOutSamples, Biases biases) {

    /** Default divergence bound on recorded overlaps. */
    public static final double DEFAULT_DIVERGENCE_BOUND = 1e8;
    /** Default held-out sample size. */
    public static final int DEFAULT_HELD_OUT_SAMPLES = 4096;

    public SgdSettings {
        Objects.requireNonNull(student, "student.activation");
        Objects.requireNonNull(teacher, "teacher.activation");
        Objects.requireNonNull(schedule, "schedule");
        requireNonNegative("noise", labelNoise);
        Objects.requireNonNull(rate, "learningRate");
        requireNonNegative("weightDecay", weightDecay);
        if (batchSize < 1) {
            throw new InvalidFieldException(FieldPath.parse("batchSize"), batchSize + "; must be an integer >= 1");
        }
        if (!(divergenceBound > 0)) {
            throw new InvalidFieldException(FieldPath.parse("divergenceBound"), divergenceBound + "; must be > 0");
        }
        if (heldOutSamples < 0) {
            throw new InvalidFieldException(FieldPath.parse("heldOutSamples"), heldOutSamples + "; must be an integer >= 0");
        }
    }

    /** Plain SGD: no label noise, fixed second layer, no weight decay, B = 1, constant rate. */
    public static SgdSettings of(Activation student, Activation teacher, double learningRate) {
        return new SgdSettings(student, teacher, 0.0, new LearningRate(learningRate), null, 0.0, 1,
                LearningRateSchedule.constant(), false, DEFAULT_DIVERGENCE_BOUND, DEFAULT_HELD_OUT_SAMPLES, null);
    }

    /**
     * The training protocol of an experiment file (docs/theory.md §7): activations, Δ, γ, γ_a (when
     * {@code student.trainSecondLayer}), λ_wd, B, schedule, spherical, and {@code integrator.divergenceBound} as
     * the divergence bound. The regime does not enter: a simulation is SGD at a finite d whatever limit the
     * ODE describes.
     */
    public static SgdSettings from(Experiment e) {
        return new SgdSettings(e.student().activation(), e.teacher().activation(), e.noise(), e.rate(),
                e.secondLayerRate(), e.weightDecay(), e.batchSize(),
                e.schedule().schedule(), e.spherical(), e.integrator().divergenceBound(), DEFAULT_HELD_OUT_SAMPLES,
                e.biases());
    }

    public SgdSettings withLabelNoise(double delta) {
        return with(c -> c.labelNoise = delta);
    }

    public SgdSettings withLearningRate(double gamma) {
        return with(c -> c.rate = new LearningRate(gamma));
    }

    /** Trains the second layer with rate γ_a. */
    public SgdSettings withSecondLayerLearningRate(double gammaA) {
        return with(c -> c.secondLayerRate = new SecondLayerLearningRate(gammaA));
    }

    public SgdSettings withWeightDecay(double lambda) {
        return with(c -> c.weightDecay = lambda);
    }

    public SgdSettings withBatchSize(int b) {
        return with(c -> c.batchSize = b);
    }

    public SgdSettings withSchedule(LearningRateSchedule s) {
        return with(c -> c.schedule = s);
    }

    public SgdSettings withSpherical(boolean sph) {
        return with(c -> c.spherical = sph);
    }

    public SgdSettings withDivergenceBound(double bound) {
        return with(c -> c.divergenceBound = bound);
    }

    public SgdSettings withHeldOutSamples(int n) {
        return with(c -> c.heldOutSamples = n);
    }

    /** The same protocol with these biases (null: none). */
    public SgdSettings withBiases(Biases b) {
        return with(c -> c.biases = b);
    }

    /** A copy with one change, validated again by the canonical constructor (the one home of every check). */
    private SgdSettings with(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return c.build();
    }

    /** The mutable fields of one {@code with*} copy; never escapes {@link #with}. */
    private static final class Copy {
        Activation student;
        Activation teacher;
        double labelNoise;
        LearningRate rate;
        SecondLayerLearningRate secondLayerRate;
        double weightDecay;
        int batchSize;
        LearningRateSchedule schedule;
        boolean spherical;
        double divergenceBound;
        int heldOutSamples;
        Biases biases;

        Copy(SgdSettings s) {
            student = s.student;
            teacher = s.teacher;
            labelNoise = s.labelNoise;
            rate = s.rate;
            secondLayerRate = s.secondLayerRate;
            weightDecay = s.weightDecay;
            batchSize = s.batchSize;
            schedule = s.schedule;
            spherical = s.spherical;
            divergenceBound = s.divergenceBound;
            heldOutSamples = s.heldOutSamples;
            biases = s.biases;
        }

        SgdSettings build() {
            return new SgdSettings(student, teacher, labelNoise, rate, secondLayerRate, weightDecay, batchSize,
                    schedule, spherical, divergenceBound, heldOutSamples, biases);
        }
    }

    /** γ, the value of {@link #rate()}. */
    public double learningRate() {
        return rate.value();
    }

    /** Whether the model has biases. */
    public boolean hasBiases() {
        return biases != null;
    }

    /** ODE time per SGD step at dimension d and width p: γ/(p d). */
    public double timeStep(int p, int dimension) {
        return rate.value() / ((double) p * dimension);
    }

    /** Whether a is trained (with γ_a &gt; 0). */
    public boolean updatesSecondLayer() {
        return secondLayerRate != null;
    }

    /** Whether a is trained: {@link #updatesSecondLayer()}. */
    public boolean trainSecondLayer() {
        return secondLayerRate != null;
    }

    /** γ_a, the value of {@link #secondLayerRate()}; 0 for a fixed second layer. */
    public double secondLayerLearningRate() {
        return secondLayerRate == null ? 0.0 : secondLayerRate.value();
    }

    private static void requireNonNegative(String field, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new InvalidFieldException(FieldPath.parse(field), v + "; must be a finite number >= 0");
        }
    }
}
