package org.sgdlimits.narrow.simulation;

import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.sgdlimits.dynamics.PopulationDrift;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.TimeGrid;

/**
 * The exact Gram chain (docs/theory.md §4): the Markov chain of (Ω, a) under one-pass SGD with isotropic Gaussian inputs,
 * simulated without the d-dimensional weights, at a cost per step independent of d.
 *
 * <h2>Derivation</h2>
 * Let V be the (p+k)×d matrix of student and teacher rows, so Ω = V Vᵀ/d, and write V = √d L O with O (r×d)
 * orthonormal rows spanning the rows of V and L (n×r, n = p + k) the semi-definite Cholesky factor of Ω of
 * rank r. A fresh input x ~ N(0, I_d) splits as x = Oᵀξ + x⊥ with ξ = O x ~ N(0, I_r) and x⊥ ~ N(0, I) on the
 * (d − r)-dimensional complement, independent of ξ. Hence the fields are (λ, λ*) = V x/√d = L ξ ~ N(0, Ω) and
 * |x|² = |ξ|² + χ²_{d−r} (and |ξ|² = λᵀΩ⁺λ). For a mini-batch x_1..x_B the ξ_b are independent and the
 * complement parts have Gram matrix Wishart_B(d − r, I), so x_b·x_c = ξ_b·ξ_c + (Wishart)_bc.
 *
 * <p>The SGD step of {@link SgdSettings}, with γ_s = γ s(t), α = 1 − γ_s λ_wd/(p d) and
 * u_ib = e_b a_i σ'(λ_ib), reads w_i' = α w_i − (γ_s/(p B √d)) Σ_b u_ib x_b. Using w_j·x_b = √d λ_jb and
 * w*_r·x_b = √d λ*_rb:
 * <pre>
 *   M_ir' = w_i'·w*_r/d = α M_ir − (γ_s/(p d B)) Σ_b u_ib λ*_rb
 *   Q_ij' = w_i'·w_j'/d = α² Q_ij − α (γ_s/(p d B)) Σ_b (u_ib λ_jb + u_jb λ_ib)
 *                         + (γ_s²/(p² d B²)) Σ_{b,c} u_ib u_jc (x_b·x_c/d)
 *   a_i'  = a_i − (γ_a s(t)/(p d B)) Σ_b e_b σ(λ_ib)
 * </pre>
 * and the spherical projection w_i ← √d w_i/|w_i| becomes Q_ij ← Q_ij/√(Q_ii Q_jj), M_ir ← M_ir/√Q_ii.
 * These are exactly the overlaps of the explicit network after the step: the chain has the same law as
 * {@link SgdSimulator}'s Ω for any activation (the weights' orientation is irrelevant by rotation invariance of
 * x). Dividing the mean increment by Δt = γ/(p d) recovers the drift of docs/theory.md §3 with the exact finite-d factor
 * E[|x|²/d · h] in the noise term.
 *
 * <p>A singular Ω (r &lt; p + k, e.g. perfect recovery) is handled by the zero columns of the semi-definite
 * factor and the matching degrees of freedom d − r. Needs d ≥ p + k + B − 1. Immutable and thread-safe.
 */
public final class GramChainSimulator implements SimulationEngine {
    private final SgdSettings settings;

    public GramChainSimulator(SgdSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public SgdSettings settings() {
        return settings;
    }

    @Override
    public String id() {
        return "gram";
    }

    @Override
    public OverlapChain start(Overlaps initial, int dimension, UniformRandomProvider rng) {
        int needed = minimumDimension(initial.studentWidth(), initial.teacherWidth());
        if (dimension < needed) {
            throw new IllegalArgumentException("dimension: " + dimension + "; the Gram chain needs d >= "
                    + minimumDimensionRule() + " = " + needed);
        }
        return new GramChain(initial, dimension, settings, rng);
    }

    @Override
    public int minimumDimension(int p, int k) {
        return p + k + settings.batchSize() - 1;
    }

    @Override
    public String minimumDimensionRule() {
        return "p + k + batchSize - 1";
    }

    @Override
    public SimulationRun run(Overlaps initial, int dimension, TimeGrid grid, UniformRandomProvider rng,
                             SimulationProgress progress) {
        int p = initial.studentWidth();
        int k = initial.teacherWidth();
        OverlapChain chain = start(initial, dimension, rng);
        PopulationDrift drift = SgdSimulator.drift(settings, initial);
        return ChainRunner.run(chain, settings, drift, p, k, dimension, grid, progress);
    }
}
