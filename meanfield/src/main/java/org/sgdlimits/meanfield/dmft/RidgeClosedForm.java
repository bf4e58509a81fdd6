package org.sgdlimits.meanfield.dmft;

/**
 * The Marchenko–Pastur closed form of full-batch gradient descent (and gradient flow) on ridge regression with a
 * linear teacher (docs/dmft.md §4), the independent check of the DMFT sweep.
 *
 * <p>With k(a) = 1 − η(a + λ), f_t(a) = (1 − kᵗ)/(a + λ) (ηt when a + λ = 0) and P_w = f_t a + c₀ kᵗ:
 * m(t) = ρ ∫ P_w dμ, q(t) = ρ ∫ P_w² dμ + q_v ∫ k^{2t} dμ + σ² ∫ a f_t² dμ and training loss
 * [ρ ∫ a (P_w − 1)² + q_v ∫ a k^{2t} + σ² ∫ (a f_t)² − 2σ² ∫ a f_t]/(2α) + σ²/2, where σ² is the label-noise
 * variance. Gradient flow at time τ: kᵗ → e^{−(a+λ)τ}, f → (1 − e^{−(a+λ)τ})/(a + λ). Immutable.
 */
public final class RidgeClosedForm {
    private final MarchenkoPastur law;
    private final double rho;
    private final double noise;
    private final double c0;
    private final double qv;
    private final double lambda;

    /**
     * @param law    the Marchenko–Pastur quadrature of the sample ratio α
     * @param rho    teacher norm ‖w*‖²/d &gt; 0
     * @param noise  label-noise variance σ² ≥ 0
     * @param c0     initial teacher component: w(0) = c₀ w* + v
     * @param qv     initial orthogonal norm ‖v‖²/d ≥ 0
     * @param lambda ridge λ ≥ 0
     */
    public RidgeClosedForm(MarchenkoPastur law, double rho, double noise, double c0, double qv, double lambda) {
        this.law = law;
        this.rho = rho;
        this.noise = noise;
        this.c0 = c0;
        this.qv = qv;
        this.lambda = lambda;
    }

    /** (m, q, training loss) after {@code steps} steps of gradient descent with step size η. */
    public Overlaps gradientDescent(double eta, int steps) {
        return evaluate(eta, steps, false);
    }

    /** (m, q, training loss) of gradient flow at time τ ≥ 0. */
    public Overlaps gradientFlow(double time) {
        return evaluate(time, 0, true);
    }

    /**
     * (m, q, training loss) after {@code steps} steps of gradient descent with momentum (heavy ball or Nesterov,
     * v(0) = 0): per eigenvalue a of A the teacher, initial and label-noise coefficients of w follow the scalar
     * recursion v′ = β v − η((a + λ)(w + β_N v) − c), w′ = w + v′ (c = a, 0, 1 respectively), and the integrals
     * are those of the plain closed form with P_w, kᵗ and f_t replaced by the three coefficients.
     */
    public Overlaps momentum(double eta, Momentum momentum, int steps) {
        double beta = momentum.velocityDecay();
        double look = momentum.lookAhead();
        double m = 0;
        double q = 0;
        double train = 0;
        for (int i = 0; i < law.size(); i++) {
            double a = law.node(i);
            double w = law.weight(i);
            double decay = a + lambda;
            double pw = c0;
            double pv = 0;
            double kw = 1;
            double kv = 0;
            double fw = 0;
            double fv = 0;
            for (int t = 0; t < steps; t++) {
                pv = beta * pv - eta * (decay * (pw + look * pv) - a);
                pw += pv;
                kv = beta * kv - eta * decay * (kw + look * kv);
                kw += kv;
                fv = beta * fv - eta * (decay * (fw + look * fv) - 1);
                fw += fv;
            }
            m += w * rho * pw;
            q += w * (rho * pw * pw + qv * kw * kw + noise * a * fw * fw);
            train += w * (rho * a * (pw - 1) * (pw - 1) + qv * a * kw * kw + noise * (a * fw) * (a * fw)
                    - 2 * noise * a * fw);
        }
        return new Overlaps(m, q, train / (2 * law.alpha()) + noise / 2);
    }

    private Overlaps evaluate(double etaOrTime, int steps, boolean flow) {
        double m = 0;
        double q = 0;
        double train = 0;
        for (int i = 0; i < law.size(); i++) {
            double a = law.node(i);
            double w = law.weight(i);
            double decay = a + lambda;
            double kt;
            double f;
            if (flow) {
                kt = Math.exp(-decay * etaOrTime);
                f = decay == 0 ? etaOrTime : -Math.expm1(-decay * etaOrTime) / decay;
            } else {
                kt = Math.pow(1 - etaOrTime * decay, steps);
                f = decay == 0 ? etaOrTime * steps : (1 - kt) / decay;
            }
            double pw = f * a + c0 * kt;
            m += w * rho * pw;
            q += w * (rho * pw * pw + qv * kt * kt + noise * a * f * f);
            train += w * (rho * a * (pw - 1) * (pw - 1) + qv * a * kt * kt + noise * (a * f) * (a * f)
                    - 2 * noise * a * f);
        }
        return new Overlaps(m, q, train / (2 * law.alpha()) + noise / 2);
    }

    /**
     * Order parameters of the closed form.
     *
     * @param m         teacher overlap w·w* / d
     * @param q         student norm ‖w‖²/d
     * @param trainLoss training loss (1/n) Σ ½ (r_μ − y_μ)²
     */
    public record Overlaps(double m, double q, double trainLoss) {
    }
}
