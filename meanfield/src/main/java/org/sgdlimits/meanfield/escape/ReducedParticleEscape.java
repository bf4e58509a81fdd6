package org.sgdlimits.meanfield.escape;

import java.util.Objects;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.meanfield.ParticleDrift;
import org.sgdlimits.meanfield.ParticleDriftSettings;
import org.sgdlimits.meanfield.ParticleDriftTerms;
import org.sgdlimits.meanfield.PhaseRetrievalLowRankDrift;
import org.sgdlimits.narrow.phaseretrieval.EscapeCriterion;
import org.sgdlimits.narrow.phaseretrieval.EscapeDynamics;
import org.sgdlimits.narrow.phaseretrieval.EscapeResult;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalModel;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalOde;

/**
 * Escape times of wide phase-retrieval networks on the reduced particle ODE of docs/theory.md §5: p particles
 * (m_i, q⊥_i), a_i = 1, closure Q_ij = m_i m_j/ρ + δ_ij q⊥_i, drift from the shared {@link ParticleDrift}
 * (σ = σ* = x², exact teacher-field quadrature), O(p) per evaluation instead of the full engine's O(p³).
 * Escape detection is that of {@link PhaseRetrievalOde} (same integrator and events).
 *
 * <p>Validity (docs/theory.md §5): the closure ignores the O(d^(−1/2)) random off-diagonal overlaps of a random start
 * (harmless on the plateau: their effect on the growth rate of m_i is O((p d)^(−1/2))) and, more importantly,
 * the correlation of the orthogonal components that the g-term builds up; its error is O(g) and does not vanish
 * with p. Use it for large p at small g; the full engine is the reference (compared in the tests).
 *
 * <p>Corrected closure ({@link #corrected}, docs/closure.md): the state gains the scalar h (Q⊥_ij = h m_i m_j for
 * i ≠ j, h(0) = 0) and the drift is {@link PhaseRetrievalLowRankDrift}, which stays exact at fixed g as p grows
 * (plain SGD only: the correction is not derived for the spherical projection).
 *
 * <p>Spherical SGD is supported (plain closure): with Φ_ii = dq⊥_i + 2 m_i dm_i/ρ the projection of docs/theory.md §2 gives
 * dm_i ← dm_i − ½ Φ_ii m_i and dq⊥_i ← Φ_ii (1 − Q_ii) − 2 m_i dm_i/ρ. Immutable and thread-safe.
 */
public final class ReducedParticleEscape {
    private final PhaseRetrievalModel model;
    private final ParticleDrift drift;
    private final PhaseRetrievalOde integrator;
    /** The corrected closure's drift, or null for the plain closure. */
    private final PhaseRetrievalLowRankDrift correction;

    /** The plain closure. */
    public ReducedParticleEscape(PhaseRetrievalModel model) {
        this(model, false);
    }

    /** The corrected (low-rank) closure; plain SGD only. */
    public static ReducedParticleEscape corrected(PhaseRetrievalModel model) {
        return new ReducedParticleEscape(model, true);
    }

    private ReducedParticleEscape(PhaseRetrievalModel model, boolean corrected) {
        this.model = Objects.requireNonNull(model, "model");
        if (corrected && model.spherical()) {
            throw new IllegalArgumentException("spherical: true; the low-rank closure correction is derived for plain "
                    + "SGD only");
        }
        ParticleDriftSettings settings = ParticleDriftSettings.ofWidth(model.width())
                .withNoiseCoefficient(model.reducedRate())
                .withLabelNoise(model.noise());
        this.drift = new ParticleDrift(StandardActivation.SQUARE, StandardActivation.SQUARE,
                new double[] {model.teacherNorm()}, new double[] {1.0}, settings);
        this.integrator = new PhaseRetrievalOde(model);
        this.correction = corrected ? new PhaseRetrievalLowRankDrift(model.teacherNorm(), settings) : null;
    }

    /** Whether this is the corrected closure. */
    public boolean isCorrected() {
        return correction != null;
    }

    public PhaseRetrievalModel model() {
        return model;
    }

    /**
     * Escape time from student–teacher overlaps m (length p) with unit student norms (q⊥_i = 1 − m_i²/ρ).
     */
    public EscapeResult escapeTime(double[] m, EscapeCriterion criterion, double maxTime) {
        int p = model.width();
        if (m.length != p) {
            throw new IllegalArgumentException("m: " + m.length + " overlaps; the model has p = " + p);
        }
        double rho = model.teacherNorm();
        double[] y0 = new double[2 * p + (correction == null ? 0 : 1)];
        for (int i = 0; i < p; i++) {
            y0[i] = m[i];
            y0[p + i] = 1.0 - m[i] * m[i] / rho;
            if (!(y0[p + i] >= 0)) {
                throw new IllegalArgumentException("m_" + i + ": " + m[i] + "; must satisfy m_i^2 <= rho = " + rho);
            }
        }
        return integrator.escapeTime(new Dynamics(), y0, criterion, maxTime);
    }

    /** State (m_0..m_{p−1}, q⊥_0..q⊥_{p−1}); per-run buffers. */
    private final class Dynamics implements EscapeDynamics {
        private final int p = model.width();
        private final double rho = model.teacherNorm();
        private final double[] a = ones(p);
        private final double[] m = new double[p];
        private final double[] qPerp = new double[p];
        private final ParticleDriftTerms terms = new ParticleDriftTerms(p, 1);

        @Override
        public int getDimension() {
            return 2 * p + (correction == null ? 0 : 1);
        }

        @Override
        public double[] computeDerivatives(double t, double[] y) {
            double[] out = new double[getDimension()];
            if (correction != null) {
                unpack(y);
                out[2 * p] = correction.evaluate(p, m, qPerp, null, y[2 * p], 1.0, terms.dm, terms.dqPerp);
                System.arraycopy(terms.dm, 0, out, 0, p);
                System.arraycopy(terms.dqPerp, 0, out, p, p);
                return out;
            }
            evaluate(y);
            for (int i = 0; i < p; i++) {
                double dm = terms.dm[i];
                double dq = terms.dqPerp[i];
                if (model.spherical()) {
                    double phiII = dq + 2 * m[i] * dm / rho;
                    dm -= 0.5 * phiII * m[i];
                    double qii = qPerp[i] + m[i] * m[i] / rho;
                    dq = phiII * (1 - qii) - 2 * m[i] * dm / rho;
                }
                out[i] = dm;
                out[p + i] = dq;
            }
            return out;
        }

        private void unpack(double[] y) {
            System.arraycopy(y, 0, m, 0, p);
            for (int i = 0; i < p; i++) {
                qPerp[i] = Math.max(0.0, y[p + i]);
            }
        }

        private void evaluate(double[] y) {
            unpack(y);
            drift.evaluate(p, a, m, qPerp, 1.0, terms);
        }

        @Override
        public double meanSquaredOverlap(double[] y) {
            double s = 0;
            for (int i = 0; i < p; i++) {
                s += y[i] * y[i];
            }
            return s / (p * rho);
        }

        @Override
        public double excessRisk(double[] y) {
            if (correction != null) {
                unpack(y);
                return correction.excessRisk(p, m, qPerp, null, y[2 * p]);
            }
            evaluate(y);
            return terms.excessRisk;
        }

        @Override
        public double meanNorm(double[] y) {
            double s = 0;
            for (int i = 0; i < p; i++) {
                s += y[p + i] + y[i] * y[i] / rho;
            }
            return s / p;
        }
    }

    private static double[] ones(int p) {
        double[] a = new double[p];
        java.util.Arrays.fill(a, 1.0);
        return a;
    }
}
