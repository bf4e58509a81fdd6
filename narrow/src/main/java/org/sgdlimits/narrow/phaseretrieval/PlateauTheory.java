package org.sgdlimits.narrow.phaseretrieval;

import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.special.Gamma;

/**
 * Plateau ("equator") theory of plain one-pass SGD for phase retrieval (docs/theory.md §6), ρ = 1, a = a* = 1.
 *
 * <p>With M ≈ 0 and Q = qI the closed-form drift reduces to q̇ = 4qF(q), F(q) = 1 − bq + g(a q² − 2bq + 3 + Δ),
 * b = 1 + 2/p, a = (1 + 2/p)(1 + 4/p) (verified against {@link PhaseRetrievalDrift} in the tests), and
 * dM/dt = 2(3 − bq) M. F is a quadratic g a (q − q*)(q − q₊) with discriminant
 * D(g) = b² − 4(a − b²) g − 4(a(3 + Δ) − b²) g²; the plateau q* (smaller root) exists iff D &gt; 0, i.e.
 * 0 ≤ g &lt; g_max(p, Δ) = b² / (2[β + √(β² + α b²)]), β = a − b², α = a(3 + Δ) − b². On the plateau m_i grows
 * as exp(2(3 − bq*) t), i.e. mean m² as exp(c* t), c* = 4(3 − bq*); q relaxes at rate κ = 4 q* √D.
 *
 * <p>Escape time for criterion (a) (mean m² ≥ T) from the typical start m_i² = 1/d, Q = q₀ I, small T:
 * t_typ(d) = (ln d + K)/c* with K = ln T + K_q, where K_q = (b/(g a q₊)) ln[q₀(q₊ − q*)/(q*(q₊ − q₀))]
 * (→ ln(b q₀) as g → 0) is the exact linear-phase delay of the relaxation q₀ → q* (closed-form integral of
 * 2(r(q) − r*) along q̇ = 4qF(q)). Neglected: the nonlinear saturation (O(T)) and the tail of the
 * relaxation, O((Td)^(−κ/c*)) in c*t.
 *
 * <p>Random initial conditions: mean m² at t = 0 is χ²_p/(p d), so the quenched (averaged) escape time is later
 * by −[ψ(p/2) + ln(2/p)]/c* (ψ = digamma), with a spread (standard deviation) √ψ'(p/2)/c* over initial
 * conditions.
 *
 * <p>SGD noise: at finite d each M_i also receives a martingale with variance rate (4g/d) D(q),
 * D(q) = E[(e²) λ_i² λ*²]|_{M=0, Q=qI} = a q³ − 6b q² + 15 q + Δ q. Linearised, the rescaled overlap
 * e^(−∫r) m_i(t) tends to m_i(0) + N(0, ν/d) with ν = 4g ∫₀^∞ e^(−2∫₀^s r) D(q(s)) ds (≈ 4 g D(q*)/c* on the
 * plateau), so SGD escapes earlier than the quenched ODE by about ln(1 + ν)/c*.
 *
 * <p>Immutable; all quantities computed at construction.
 */
public final class PlateauTheory {
    private final int p;
    private final double g;
    private final double noise;
    private final double b;
    private final double a;
    private final double discriminant;
    private final double plateauNorm;
    private final double inverseUpperRoot;
    private final double growthRate;

    private PlateauTheory(int p, double g, double noise) {
        this.p = p;
        this.g = g;
        this.noise = noise;
        this.b = 1.0 + 2.0 / p;
        this.a = (1.0 + 2.0 / p) * (1.0 + 4.0 / p);
        double bigB = b * (1 + 2 * g);
        double c0 = 1 + g * (3 + noise);
        this.discriminant = bigB * bigB - 4 * g * a * c0;
        double root = Math.sqrt(discriminant);
        this.plateauNorm = 2 * c0 / (bigB + root); // smaller root, stable as g → 0
        this.inverseUpperRoot = 2 * g * a / (bigB + root); // 1/q₊ (0 at g = 0)
        this.growthRate = 4 * (3 - b * plateauNorm);
    }

    /**
     * The plateau theory of plain SGD at width p, g = γ/p and label noise Δ.
     *
     * @throws IllegalArgumentException if g ∉ [0, g_max(p, Δ)) (no plateau: the norms blow up), naming g and the
     *                                  allowed range, or for p &lt; 1, Δ &lt; 0
     */
    public static PlateauTheory of(int p, double g, double noise) {
        if (p < 1) {
            throw new IllegalArgumentException("p (width): " + p + "; must be an integer >= 1");
        }
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("noise (Delta): " + noise + "; must be finite and >= 0");
        }
        double gMax = maximalReducedRate(p, noise);
        if (!(g >= 0 && g < gMax)) {
            throw new IllegalArgumentException("g (= learning rate / p): " + g + "; a plateau exists only for 0 <= g < "
                    + gMax + " at p = " + p + ", noise = " + noise
                    + " (beyond it F(q) has no root and the student norms blow up)");
        }
        PlateauTheory theory = new PlateauTheory(p, g, noise);
        if (!(theory.growthRate > 0)) {
            throw new IllegalArgumentException("g: " + g + " gives a non-positive escape rate c* = "
                    + theory.growthRate + " at p = " + p);
        }
        return theory;
    }

    /**
     * The largest g for which the plateau exists: the positive root of the discriminant of F,
     * g_max = b² / (2[β + √(β² + α b²)]), β = a − b², α = a(3 + Δ) − b² (exclusive bound).
     */
    public static double maximalReducedRate(int p, double noise) {
        double b = 1.0 + 2.0 / p;
        double a = (1.0 + 2.0 / p) * (1.0 + 4.0 / p);
        double beta = a - b * b;
        double alpha = a * (3 + noise) - b * b;
        return b * b / (2 * (beta + Math.sqrt(beta * beta + alpha * b * b)));
    }

    public int width() { return p; }

    public double reducedRate() { return g; }

    public double noise() { return noise; }

    /** b = 1 + 2/p. */
    public double b() { return b; }

    /** a = (1 + 2/p)(1 + 4/p). */
    public double a() { return a; }

    /** F(q) = 1 − bq + g(a q² − 2bq + 3 + Δ): q̇ = 4 q F(q) on the plateau. */
    public double normFlow(double q) {
        return 1 - b * q + g * (a * q * q - 2 * b * q + 3 + noise);
    }

    /** The plateau norm q* (smaller root of F). */
    public double plateauNorm() { return plateauNorm; }

    /** The larger root q₊ of F (+∞ at g = 0); starting norms above it blow up. */
    public double upperRoot() {
        return inverseUpperRoot == 0 ? Double.POSITIVE_INFINITY : 1.0 / inverseUpperRoot;
    }

    /** c* = 4(3 − b q*): growth rate of the mean m² on the plateau. */
    public double growthRate() { return growthRate; }

    /** κ = −4 q* F'(q*) = 4 q* √D: relaxation rate of q to q*. */
    public double relaxationRate() {
        return 4 * plateauNorm * Math.sqrt(discriminant);
    }

    /**
     * K_q: delay (in units of c*·t) of the linear phase caused by the relaxation of q from q₀ to q*,
     * K_q = (b/(g a q₊)) ln[q₀(q₊ − q*)/(q*(q₊ − q₀))] (g → 0: ln(b q₀)).
     *
     * @throws IllegalArgumentException if q₀ ≤ 0 or q₀ ≥ q₊
     */
    public double relaxationDelay(double initialNorm) {
        requireInitialNorm(initialNorm);
        double bigB = b * (1 + 2 * g);
        double gaQplus = 0.5 * (bigB + Math.sqrt(discriminant)); // g a q₊, finite at g = 0
        double ratio = (1 - plateauNorm * inverseUpperRoot) / (1 - initialNorm * inverseUpperRoot);
        return (b / gaQplus) * (Math.log(initialNorm / plateauNorm) + Math.log(ratio));
    }

    /**
     * The constant K of t_typ = (ln d + K)/c* for criterion (a) at threshold T from Q = q₀ I, m_i² = 1/d:
     * K = ln T + K_q (small-T, large-d asymptote).
     */
    public double escapeConstant(double threshold, double initialNorm) {
        requireThreshold(threshold);
        return Math.log(threshold) + relaxationDelay(initialNorm);
    }

    /** t_typ(d) = (ln d + K)/c* from the typical start (q₀ = 1), criterion (a) at threshold T. */
    public double typicalEscapeTime(double dimension, double threshold) {
        requireDimension(dimension);
        return (Math.log(dimension) + escapeConstant(threshold, 1.0)) / growthRate;
    }

    /** −[ψ(p/2) + ln(2/p)]/c* (≥ 0): how much later random initial conditions escape on average. */
    public double quenchedShift() {
        return initialConditionShift(p) / growthRate;
    }

    /**
     * −E[ln(χ²_p/p)] = −[ψ(p/2) + ln(2/p)] (≥ 0): the mean delay, in units of (growth rate × time), of an escape
     * from random initial conditions (mean m² = χ²_p/(p d)) relative to the typical one (mean m² = 1/d), for any
     * dynamics whose linear phase multiplies every m_i by the same factor (plain and spherical SGD).
     */
    public static double initialConditionShift(int p) {
        if (p < 1) {
            throw new IllegalArgumentException("p (width): " + p + "; must be an integer >= 1");
        }
        return -(Gamma.digamma(0.5 * p) + Math.log(2.0 / p));
    }

    /** √ψ'(p/2)/c*: standard deviation of the ODE escape time over random initial conditions. */
    public double quenchedSpread() {
        return Math.sqrt(Gamma.trigamma(0.5 * p)) / growthRate;
    }

    /** t_typ + quenched shift: mean ODE escape time over random initial conditions. */
    public double quenchedEscapeTime(double dimension, double threshold) {
        return typicalEscapeTime(dimension, threshold) + quenchedShift();
    }

    /**
     * Fraction by which the risk falls while q relaxes from 1 to q* with M ≈ 0 (plain SGD), 1 − R(q*)/R(1) with
     * R(q) = ½(b q² − 2q + 3) + Δ/2. A risk criterion (b) with T below it is met by this relaxation alone, before
     * any escape (p = 1, g = 0: 1/3).
     */
    public double relaxationRiskDrop() {
        double r1 = 0.5 * (b - 2 + 3) + 0.5 * noise;
        double rStar = 0.5 * (b * plateauNorm * plateauNorm - 2 * plateauNorm + 3) + 0.5 * noise;
        return 1 - rStar / r1;
    }

    /** D(q) = a q³ − 6b q² + 15q + Δq: plateau value of E[e² λ_i² λ*²] (SGD noise on M, ρ = 1). */
    public double overlapNoiseIntensity(double q) {
        return a * q * q * q - 6 * b * q * q + 15 * q + noise * q;
    }

    /** ν on the plateau: 4 g D(q*)/c* (relaxation neglected). */
    public double plateauSgdNoiseRatio() {
        return 4 * g * overlapNoiseIntensity(plateauNorm) / growthRate;
    }

    /**
     * ν = 4g ∫₀^∞ exp(−2∫₀^s r(q)) D(q(s)) ds along the relaxation q(0) = q₀ → q*, r(q) = 2(3 − bq):
     * the SGD-noise variance of the rescaled overlap in units of 1/d, integrated numerically.
     */
    public double sgdNoiseRatio(double initialNorm) {
        requireInitialNorm(initialNorm);
        if (g == 0) {
            return 0.0;
        }
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return 3;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double q = y[0];
                double r = 2 * (3 - b * q);
                return new double[] {4 * q * normFlow(q), r, 4 * g * Math.exp(-2 * y[1]) * overlapNoiseIntensity(q)};
            }
        };
        // the integrand decays as exp(−c* s): integrate to 40/c* (remaining tail e^(−40))
        double end = 40.0 / growthRate + 10.0 / relaxationRate();
        ODEStateAndDerivative s = new DormandPrince853Integrator(1e-10, end, 1e-14, 1e-12)
                .integrate(ode, new ODEState(0.0, new double[] {initialNorm, 0.0, 0.0}), end);
        return s.getPrimaryState()[2];
    }

    /** ln(1 + ν)/c* with ν from {@link #sgdNoiseRatio} (q₀ = 1): how much earlier SGD escapes than the ODE. */
    public double sgdNoiseShift() {
        return Math.log1p(sgdNoiseRatio(1.0)) / growthRate;
    }

    /**
     * The formula seen in talks, t = ln[(T(p+1)d + (p+1)(1 − T))/(2p)] / (8[1 − g(1 + 1/p + 4/p² + Δ/2)]):
     * the small-T linear-phase asymptote for SPHERICAL SGD with the RISK criterion (b), typical start. It does
     * not describe plain SGD.
     *
     * @throws IllegalArgumentException for T ∉ (0, 1), d ≤ 1 or a non-positive spherical rate
     */
    public static double sphericalRiskEscapeTimeFromTalks(int p, double dimension, double g, double noise,
                                                          double threshold) {
        requireThreshold(threshold);
        requireDimension(dimension);
        double rate = sphericalGrowthRate(p, g, noise);
        return Math.log((threshold * (p + 1) * dimension + (p + 1) * (1 - threshold)) / (2.0 * p)) / rate;
    }

    /**
     * Exact linear-phase solution for spherical SGD, risk criterion (b), typical start (m_i² = 1/d, Q = I):
     * with ε = 1 + 1/p − 2A, A(t) = A₀ e^(c_s t), R = ε + Δ/2, R(t) = (1 − T) R(0) gives
     * t = ln[1 + T(1 + 1/p + Δ/2 − 2/d)·d/2] / c_s. Differs from the talk formula only by O(1/(T d)) inside the
     * logarithm (equal at p = 1, Δ = 0).
     */
    public static double sphericalRiskEscapeTime(int p, double dimension, double g, double noise, double threshold) {
        requireThreshold(threshold);
        requireDimension(dimension);
        double rate = sphericalGrowthRate(p, g, noise);
        double initialRisk = 1 + 1.0 / p + 0.5 * noise - 2.0 / dimension;
        return Math.log1p(threshold * initialRisk * dimension / 2.0) / rate;
    }

    /**
     * c_s = 8[1 − g(1 + 1/p + 4/p² + Δ/2)]: growth rate of the mean m² for spherical SGD at M ≈ 0, Q = I.
     *
     * @throws IllegalArgumentException if c_s ≤ 0 (g ≥ 1/(1 + 1/p + 4/p² + Δ/2): no escape)
     */
    public static double sphericalGrowthRate(int p, double g, double noise) {
        if (p < 1) {
            throw new IllegalArgumentException("p (width): " + p + "; must be an integer >= 1");
        }
        double factor = 1 + 1.0 / p + 4.0 / ((double) p * p) + 0.5 * noise;
        if (!(g >= 0 && g < 1 / factor)) {
            throw new IllegalArgumentException("g (= learning rate / p): " + g + "; spherical SGD escapes only for "
                    + "0 <= g < " + (1 / factor) + " at p = " + p + ", noise = " + noise);
        }
        return 8 * (1 - g * factor);
    }

    static void requireThreshold(double threshold) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold T: " + threshold + "; must lie in the open interval (0, 1)");
        }
    }

    private static void requireDimension(double dimension) {
        if (!(dimension > 1) || !Double.isFinite(dimension)) {
            throw new IllegalArgumentException("dimension d: " + dimension + "; must be finite and > 1");
        }
    }

    private void requireInitialNorm(double q0) {
        if (!(q0 > 0) || q0 * inverseUpperRoot >= 1) {
            throw new IllegalArgumentException("initial norm q0: " + q0 + "; must lie in (0, q+ = " + upperRoot()
                    + ") for the norms to relax to the plateau");
        }
    }
}
