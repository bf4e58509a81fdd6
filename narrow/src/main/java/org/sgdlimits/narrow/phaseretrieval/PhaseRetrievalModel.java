package org.sgdlimits.narrow.phaseretrieval;

/**
 * The phase-retrieval teacher–student problem of docs/theory.md §6: σ = σ* = x², one teacher unit (k = 1),
 * second layers fixed to a = a* = 1, student f = (1/p) Σ_i λ_i², teacher f* = λ*², label noise variance Δ.
 *
 * <p>SGD is one-pass with learning rate γ; in the d → ∞ equations γ enters only through g = γ/p (docs/theory.md §2).
 * {@code spherical} selects projected SGD (each student row rescaled to norm √d after every step, Q_ii ≡ 1).
 *
 * @param width            student width p (≥ 1)
 * @param teacherNorm      ρ = P = |w*|²/d (&gt; 0)
 * @param reducedRate      g = γ/p (≥ 0); 0 is gradient flow on the population risk
 * @param noise            label-noise variance Δ (≥ 0)
 * @param spherical        projected (spherical) SGD instead of plain SGD
 */
public record PhaseRetrievalModel(int width, double teacherNorm, double reducedRate, double noise,
                                  boolean spherical) {

    public PhaseRetrievalModel {
        if (width < 1) {
            throw new IllegalArgumentException("p (width): " + width + "; must be an integer >= 1");
        }
        if (!(teacherNorm > 0) || !Double.isFinite(teacherNorm)) {
            throw new IllegalArgumentException("rho (teacher norm P): " + teacherNorm + "; must be finite and > 0");
        }
        if (!(reducedRate >= 0) || !Double.isFinite(reducedRate)) {
            throw new IllegalArgumentException("g (= learning rate / p): " + reducedRate
                    + "; must be finite and >= 0");
        }
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("noise (label-noise variance Delta): " + noise
                    + "; must be finite and >= 0");
        }
    }

    /** Plain SGD, ρ = 1. */
    public static PhaseRetrievalModel plain(int width, double reducedRate, double noise) {
        return new PhaseRetrievalModel(width, 1.0, reducedRate, noise, false);
    }

    /** Spherical (projected) SGD, ρ = 1. */
    public static PhaseRetrievalModel spherical(int width, double reducedRate, double noise) {
        return new PhaseRetrievalModel(width, 1.0, reducedRate, noise, true);
    }

    /** The same model at a learning rate γ fixed (g = γ/p). */
    public static PhaseRetrievalModel atLearningRate(int width, double learningRate, double noise,
                                                     boolean spherical) {
        if (!(learningRate >= 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate gamma: " + learningRate + "; must be finite and >= 0");
        }
        return new PhaseRetrievalModel(width, 1.0, learningRate / width, noise, spherical);
    }

    /** Same model with another width at the same g. */
    public PhaseRetrievalModel withWidth(int newWidth) {
        return new PhaseRetrievalModel(newWidth, teacherNorm, reducedRate, noise, spherical);
    }

    /** Learning rate γ = g·p. */
    public double learningRate() {
        return reducedRate * width;
    }
}
