package org.sgdlimits.meanfield.factory;

import java.util.List;
import java.util.Locale;
import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.experiment.InitialCondition;
import org.sgdlimits.meanfield.LinearCostLowRankClosure;
import org.sgdlimits.meanfield.ParticleDrift;
import org.sgdlimits.meanfield.ParticleDriftSettings;
import org.sgdlimits.meanfield.ParticleSystem;
import org.sgdlimits.meanfield.Particles;
import org.sgdlimits.meanfield.PhaseRetrievalLowRankDrift;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.validation.FieldPath;

/**
 * The mean-field particle system (docs/theory.md §5) of a validated {@link Experiment}: the particle drift's
 * coefficients, the initial particles and the system with its closure and biases. The physics defaults of the
 * mean-field engines live here, not in the command line. Errors are {@link ExperimentException}s naming the
 * experiment-file field ({@code meanfield.*} for the engine section).
 */
public final class ParticleSystemFactory {
    /** Widest student whose reconstructed Q is compared with the given one (the check is O(p²)). */
    private static final int MAX_CHECKED_WIDTH = 400;

    private ParticleSystemFactory() {
    }

    /**
     * The mean-field engines integrate plain (not spherical) SGD in the classical or high-dimensional regime.
     *
     * @throws ExperimentException naming {@code spherical} or {@code regime} otherwise
     */
    public static void requireSupported(Experiment e) {
        if (e.spherical()) {
            throw new ExperimentException(FieldPath.of("spherical"), "true; the mean-field engines integrate plain "
                    + "SGD only");
        }
        if (e.regime() == Regime.FINITE_DIMENSIONAL) {
            throw new ExperimentException(FieldPath.of("regime"), "finite-dimensional is not supported by the "
                    + "mean-field engines; use high-dimensional (noise term kept) or classical (dropped)");
        }
    }

    /** Default of {@code meanfield.noiseTerm}: the SGD-noise term is kept unless the regime is classical. */
    public static boolean defaultNoiseTerm(Experiment e) {
        return e.regime() != Regime.CLASSICAL;
    }

    /**
     * The coefficients of the particle drift (docs/theory.md §5): self-interaction width p (or ∞), noise coefficient
     * g/B = γ/(pB) (or 0 without the noise term), label noise Δ, weight decay λ_wd and the second-layer rate ratio
     * γ_a/γ (0 for a fixed second layer).
     *
     * @param selfInteraction keep the finite-p self-interaction terms (weight 1/p)
     * @param noiseTerm       keep the SGD-noise term of dq⊥/dt
     */
    public static ParticleDriftSettings driftSettings(Experiment e, boolean selfInteraction, boolean noiseTerm) {
        return new ParticleDriftSettings(selfInteraction ? e.p() : Double.POSITIVE_INFINITY,
                noiseTerm ? e.g() / e.batchSize() : 0.0, e.noise(), e.weightDecay(),
                e.student().trainSecondLayer() ? e.secondLayerRate().ratioTo(e.rate()) : 0.0, 0);
    }

    /** The particle drift of the experiment's activations and teacher (with the teacher's biases, if any). */
    public static ParticleDrift drift(Experiment e, ParticleDriftSettings settings) {
        return Labelled.at(FieldPath.ROOT, () -> e.biases() != null
                ? ParticleDrift.withTeacherBias(e.student().activation(), e.teacher().activation(), e.teacher().P(),
                        e.teacher().secondLayer(), settings, e.biases().teacher())
                : new ParticleDrift(e.student().activation(), e.teacher().activation(), e.teacher().P(),
                        e.teacher().secondLayer(), settings));
    }

    /** Explicit particles (a_i, m_i, q⊥_i) for the experiment's teacher; errors name {@code field}. */
    public static Particles explicitParticles(Experiment e, double[] a, double[] m, double[] qPerp, FieldPath field) {
        return Labelled.at(field, () -> Particles.of(a, m, qPerp, e.teacher().P(), e.teacher().secondLayer()));
    }

    /**
     * Particles of a random initialisation at dimension d (m_i ~ N(0, σ₀² P/d), q⊥_i ~ σ₀² χ²_{d−k}/d) with the
     * student's second layer; errors name {@code field}.
     */
    public static Particles randomParticles(Experiment e, int dimension, double variance, long seed,
                                            FieldPath field) {
        return Labelled.at(field, () -> Particles.sampleRandom(e.p(), dimension, variance, e.student().secondLayer(),
                e.teacher().P(), e.teacher().secondLayer(), seed));
    }

    /**
     * The particles of the experiment's own {@code initial} field: sampled for {@code initial.random}, else the
     * explicit overlaps through the closure Q_ij = m_i P⁻¹ m_jᵀ + δ_ij q⊥_i; a warning is added when the closure
     * drops orthogonal cross overlaps of the given Q (checked up to p = 400).
     */
    public static Particles initialParticles(Experiment e, List<String> warnings) {
        if (e.initial() instanceof InitialCondition.Random r) {
            return randomParticles(e, r.dimension(), r.studentSquaredNorm(), r.seed(),
                    FieldPath.of("initial", "random"));
        }
        Overlaps o = e.explicitInitialOverlaps().orElseThrow();
        Particles fromOverlaps = Particles.fromOverlaps(o);
        if (e.p() <= MAX_CHECKED_WIDTH) {
            double worst = 0;
            var q = fromOverlaps.reconstructed();
            for (int i = 0; i < e.p(); i++) {
                for (int j = 0; j < e.p(); j++) {
                    worst = Math.max(worst, Math.abs(q.studentOverlap(i, j) - o.studentOverlap(i, j)));
                }
            }
            if (worst > 1e-12) {
                warnings.add(String.format(Locale.ROOT, "initial.Q: the closure Q_ij = m_i P^-1 m_j^T + delta_ij "
                        + "q_perp_i drops orthogonal cross overlaps of up to %.3g; every engine (full included) "
                        + "starts from the reconstructed Q", worst));
            }
        }
        return fromOverlaps;
    }

    /**
     * The particle system: the plain closure, or a low-rank corrected one (at most one of {@code phaseRetrieval},
     * {@code latent} non-null, from {@link ClosureFactory}); with per-particle biases b_i ({@code student.bias})
     * trained at the rate ratio γ_b/γ when {@code student.trainBias} (docs/theory.md §3.11).
     */
    public static ParticleSystem system(Experiment e, ParticleDrift drift, PhaseRetrievalLowRankDrift phaseRetrieval,
                                        LinearCostLowRankClosure latent) {
        ParticleSystem system = latent != null
                ? ParticleSystem.lowRank(drift, latent, e.integrator().settings(), e.schedule().schedule())
                : phaseRetrieval == null ? new ParticleSystem(drift, e.integrator().settings(), e.schedule().schedule())
                : ParticleSystem.lowRank(drift, phaseRetrieval, e.integrator().settings(), e.schedule().schedule());
        if (e.biases() != null) {
            system = system.withBiases(e.biases().student(),
                    e.biases().trained() ? e.biases().learningRate() / e.learningRate() : 0.0);
        }
        return system;
    }
}
