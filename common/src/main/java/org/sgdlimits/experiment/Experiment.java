package org.sgdlimits.experiment;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.overlap.Biases;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.schedule.LearningRate;
import org.sgdlimits.schedule.SecondLayerLearningRate;
import org.sgdlimits.trajectory.TimeGrid;

/**
 * One run of one-pass SGD in the teacher–student setting, as described by an experiment file (docs/theory.md §7):
 * an immutable, fully validated value. Build it in code with {@link #builder()}; the application reads and writes
 * the JSON files ({@code org.sgdlimits.experiment.json.ExperimentParser} and {@code ExperimentJson} in
 * {@code examples}).
 *
 * <p>Units and conventions (docs/theory.md §1–2): {@code learningRate} is γ of the weight update, ODE time is
 * t = ν γ/(p d) after ν steps, g = γ/p; {@code noise} is the label-noise variance Δ; {@code weightDecay} is
 * λ_wd; matrices are row-major flat arrays.
 *
 * @param description             free text for the user (default "")
 * @param teacher                 the teacher network
 * @param student                 the student network
 * @param noise                   label-noise variance Δ ≥ 0
 * @param rate                    γ &gt; 0 (validated once, by {@link LearningRate}); {@link #learningRate()} is its value
 * @param secondLayerLearningRate γ_a ≥ 0; non-zero only when {@code student.trainSecondLayer}
 * @param weightDecay             λ_wd ≥ 0
 * @param batchSize               mini-batch size B ≥ 1
 * @param regime                  which limit the ODE describes
 * @param dimension               input dimension d; present exactly when the regime is finite-dimensional
 * @param spherical               projected SGD keeping Q_ii = 1 (docs/theory.md §2)
 * @param schedule                learning-rate schedule s(t)
 * @param initial                 initial condition
 * @param time                    recorded ODE times
 * @param integrator              integrator tolerances and divergence bound
 * @param biases                  biases of the pre-activations (docs/theory.md §3.11; file fields
 *                                {@code student.bias}, {@code teacher.bias}, {@code student.trainBias},
 *                                {@code biasLearningRate}), or null for a model without biases
 */
public record Experiment(String description, TeacherSpec teacher, StudentSpec student, double noise,
                         LearningRate rate, double secondLayerLearningRate, double weightDecay, int batchSize,
                         Regime regime, OptionalInt dimension, boolean spherical, ScheduleSpec schedule,
                         InitialCondition initial, TimeGrid time, IntegratorSpec integrator, Biases biases) {

    /** Default γ. */
    public static final double DEFAULT_LEARNING_RATE = 0.1;
    /** Default recorded times: log spacing, 100 points up to t = 100, from t = 0.01. */
    public static final TimeGrid DEFAULT_TIME = TimeGrid.log(100, 100);
    /** Default dimension of a random initial condition when the regime has no dimension of its own. */
    public static final int DEFAULT_SAMPLING_DIMENSION = 1000;
    /**
     * Default initial condition: random vectors in d = 1000 (in files: the run's {@code dimension} when the
     * regime is finite-dimensional) with seed 1.
     */
    public static final InitialCondition DEFAULT_INITIAL = new InitialCondition.Random(DEFAULT_SAMPLING_DIMENSION, 1);

    /** Validates every cross-field constraint; errors name the field path. */
    public Experiment {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(teacher, "teacher");
        Objects.requireNonNull(student, "student");
        Objects.requireNonNull(regime, "regime");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(integrator, "integrator");
        requireNonNegative("noise", noise);
        Objects.requireNonNull(rate, "learningRate");
        requireNonNegative("secondLayerLearningRate", secondLayerLearningRate);
        requireNonNegative("weightDecay", weightDecay);
        if (batchSize < 1) {
            throw new ExperimentException("batchSize", batchSize + "; must be an integer >= 1");
        }
        if (secondLayerLearningRate > 0 && !student.trainSecondLayer()) {
            throw new ExperimentException("secondLayerLearningRate", secondLayerLearningRate
                    + " but student.trainSecondLayer is false; set student.trainSecondLayer to true or remove it");
        }
        if (student.trainSecondLayer() && !(secondLayerLearningRate > 0)) {
            throw new ExperimentException("secondLayerLearningRate", secondLayerLearningRate
                    + " but student.trainSecondLayer is true; give a learning rate > 0 for the second layer "
                    + "(e.g. equal to learningRate) or set student.trainSecondLayer to false");
        }
        int p = student.p();
        int k = teacher.k();
        if (regime == Regime.FINITE_DIMENSIONAL) {
            if (dimension.isEmpty()) {
                throw new ExperimentException("dimension", "missing; regime finite-dimensional needs the input "
                        + "dimension d (an integer >= p + k = " + (p + k) + ")");
            }
            if (dimension.getAsInt() < p + k) {
                throw new ExperimentException("dimension", dimension.getAsInt() + "; must be an integer >= p + k = "
                        + (p + k));
            }
        } else if (dimension.isPresent()) {
            throw new ExperimentException("dimension", dimension.getAsInt() + " is only used by regime "
                    + "finite-dimensional (regime is " + regime.id() + "); remove it or change regime");
        }
        if (initial instanceof InitialCondition.Random r && r.dimension() < p + k) {
            throw new ExperimentException("initial.random.dimension", r.dimension()
                    + "; must be an integer >= p + k = " + (p + k));
        }
        if (initial instanceof InitialCondition.Explicit e) {
            requireConsistent(e.overlaps(), teacher, student, spherical);
        }
        if (biases != null) {
            if (biases.student().length != p) {
                throw new ExperimentException("student.bias", "has " + biases.student().length
                        + " entries; expected p = " + p + " (student.p)");
            }
            if (biases.teacher().length != k) {
                throw new ExperimentException("teacher.bias", "has " + biases.teacher().length
                        + " entries; expected k = " + k + " (teacher.k)");
            }
        }
        if (spherical && initial instanceof InitialCondition.Random r && r.studentSquaredNorm() != 1.0) {
            throw new ExperimentException("initial.random.studentSquaredNorm", r.studentSquaredNorm()
                    + "; spherical SGD keeps Q_ii = 1, so it must be 1");
        }
    }

    private static void requireNonNegative(String field, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new ExperimentException(field, v + "; must be a finite number >= 0");
        }
    }

    private static void requireConsistent(Overlaps o, TeacherSpec teacher, StudentSpec student, boolean spherical) {
        if (o.studentWidth() != student.p()) {
            throw new ExperimentException("initial.Q", o.studentWidth() + " student units; expected p = "
                    + student.p() + " (student.p)");
        }
        if (o.teacherWidth() != teacher.k()) {
            throw new ExperimentException("initial.M", o.teacherWidth() + " teacher columns; expected k = "
                    + teacher.k() + " (teacher.k)");
        }
        if (!Arrays.equals(o.teacherOverlapMatrix(), teacher.P())
                || !Arrays.equals(o.teacherSecondLayer(), teacher.secondLayer())) {
            throw new ExperimentException("initial", "its teacher (P, a*) differs from the teacher field");
        }
        if (!Arrays.equals(o.studentSecondLayer(), student.secondLayer())) {
            throw new ExperimentException("initial.a", Arrays.toString(o.studentSecondLayer())
                    + " differs from student.secondLayer " + Arrays.toString(student.secondLayer()));
        }
        if (spherical) {
            for (int i = 0; i < student.p(); i++) {
                double qii = o.studentOverlap(i, i);
                if (Math.abs(qii - 1) > 1e-12) {
                    throw new ExperimentException("initial.Q", "diagonal entry [" + i + "][" + i + "] = " + qii
                            + "; spherical SGD keeps Q_ii = 1, so the initial diagonal must be 1");
                }
            }
        }
    }

    /** γ, the value of {@link #rate()}. */
    public double learningRate() {
        return rate.value();
    }

    /**
     * γ_a as the validated value the engines take ({@link SecondLayerLearningRate}), or null for a fixed second
     * layer; the constructor has checked that it is finite and &gt; 0 exactly when {@code student.trainSecondLayer}.
     */
    public SecondLayerLearningRate secondLayerRate() {
        return student.trainSecondLayer() ? new SecondLayerLearningRate(secondLayerLearningRate) : null;
    }

    /** Number of student units p. */
    public int p() {
        return student.p();
    }

    /** Number of teacher units k. */
    public int k() {
        return teacher.k();
    }

    /** g = γ/p, the combination through which γ enters the d → ∞ equations (docs/theory.md §2). */
    public double g() {
        return rate.perUnit(student.p());
    }

    /** The explicit initial overlaps, if the file gives them (empty for a random initialisation). */
    public Optional<Overlaps> explicitInitialOverlaps() {
        return initial instanceof InitialCondition.Explicit e ? Optional.of(e.overlaps()) : Optional.empty();
    }

    /**
     * The initial overlaps: the explicit ones, or those of freshly sampled random vectors (deterministic for
     * the seed; costs O((p + k) d) for a random initial condition).
     */
    public Overlaps initialOverlaps() {
        if (initial instanceof InitialCondition.Explicit e) {
            return e.overlaps();
        }
        return ((InitialCondition.Random) initial).sample(teacher, student);
    }

    /** A builder starting from the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this experiment's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.description = description;
        b.teacher = teacher;
        b.student = student;
        b.noise = noise;
        b.learningRate = rate.value();
        b.secondLayerLearningRate = secondLayerLearningRate;
        b.weightDecay = weightDecay;
        b.batchSize = batchSize;
        b.regime = regime;
        b.dimension = dimension;
        b.spherical = spherical;
        b.schedule = schedule;
        b.initial = initial;
        b.time = time;
        b.integrator = integrator;
        b.biases = biases;
        return b;
    }

    /**
     * Mutable builder whose initial values are the documented defaults (README table): erf teacher with
     * k = 1, a* = 1, P = 1; erf student with p = 1, a = 1, fixed second layer; Δ = 0, γ = 0.1, γ_a = 0,
     * λ_wd = 0, B = 1, high-dimensional, not spherical, constant schedule, random initial condition
     * (d = 1000, seed 1), log time grid with 100 points up to t = 100, default integrator settings.
     */
    public static final class Builder {
        private String description = "";
        private TeacherSpec teacher = new TeacherSpec(Activation.named("erf"), 1, new double[] {1}, new double[] {1});
        private StudentSpec student = new StudentSpec(Activation.named("erf"), 1, new double[] {1}, false);
        private double noise = 0;
        private double learningRate = DEFAULT_LEARNING_RATE;
        private double secondLayerLearningRate = 0;
        private double weightDecay = 0;
        private int batchSize = 1;
        private Regime regime = Regime.HIGH_DIMENSIONAL;
        private OptionalInt dimension = OptionalInt.empty();
        private boolean spherical = false;
        private ScheduleSpec schedule = new ScheduleSpec.Constant();
        private InitialCondition initial = DEFAULT_INITIAL;
        private TimeGrid time = DEFAULT_TIME;
        private IntegratorSpec integrator = IntegratorSpec.DEFAULTS;
        private Biases biases;

        private Builder() {
        }

        public Builder description(String v) { description = v; return this; }
        public Builder teacher(TeacherSpec v) { teacher = v; return this; }
        public Builder student(StudentSpec v) { student = v; return this; }
        public Builder noise(double v) { noise = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder secondLayerLearningRate(double v) { secondLayerLearningRate = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder regime(Regime v) { regime = v; return this; }
        public Builder dimension(OptionalInt v) { dimension = v; return this; }
        public Builder spherical(boolean v) { spherical = v; return this; }
        public Builder schedule(ScheduleSpec v) { schedule = v; return this; }
        public Builder initial(InitialCondition v) { initial = v; return this; }
        public Builder time(TimeGrid v) { time = v; return this; }
        public Builder integrator(IntegratorSpec v) { integrator = v; return this; }
        /** Biases (null: none). */
        public Builder biases(Biases v) { biases = v; return this; }

        /** Explicit initial overlaps built from this builder's teacher and student and the given M, Q. */
        public Builder initialOverlaps(double[] m, double[] q) {
            initial = new InitialCondition.Explicit(InitialCondition.Explicit.overlaps(teacher, student, m, q));
            return this;
        }

        /** @throws ExperimentException naming the field when the values are inconsistent */
        public Experiment build() {
            LearningRate rate;
            try {
                rate = new LearningRate(learningRate);
            } catch (IllegalArgumentException x) {
                throw ExperimentException.from(x);
            }
            return new Experiment(description, teacher, student, noise, rate, secondLayerLearningRate,
                    weightDecay, batchSize, regime, dimension, spherical, schedule, initial, time, integrator, biases);
        }
    }
}
