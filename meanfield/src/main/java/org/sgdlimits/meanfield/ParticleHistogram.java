package org.sgdlimits.meanfield;

import java.util.function.IntToDoubleFunction;

/**
 * Histogram of a per-particle observable (m_i P⁻¹ m_iᵀ, q⊥_i or a component m_ir) over equal-width bins on
 * [lower, upper]; values outside are counted in the first/last bin. {@link #fraction(int)} is the fraction of
 * particles in a bin (fractions sum to 1). Immutable; O(p).
 */
public final class ParticleHistogram {
    private final String observable;
    private final double lower;
    private final double upper;
    private final double[] fractions;

    private ParticleHistogram(String observable, double lower, double upper, double[] fractions) {
        this.observable = observable;
        this.lower = lower;
        this.upper = upper;
        this.fractions = fractions;
    }

    /** Histogram of the teacher alignment m_i P⁻¹ m_iᵀ ({@code mean_m2} is its mean). */
    public static ParticleHistogram ofTeacherAlignment(Particles particles, int bins, double lower, double upper) {
        return of("m2", particles.count(), particles::teacherAlignment, bins, lower, upper);
    }

    /** Histogram of q⊥_i. */
    public static ParticleHistogram ofOrthogonalNorm(Particles particles, int bins, double lower, double upper) {
        return of("qperp", particles.count(), particles::orthogonalNorm, bins, lower, upper);
    }

    /** Histogram of the component m_ir. */
    public static ParticleHistogram ofStudentTeacherOverlap(Particles particles, int r, int bins, double lower,
                                                            double upper) {
        if (r < 0 || r >= particles.teacherWidth()) {
            throw new IllegalArgumentException("r: " + r + "; must be in 0.." + (particles.teacherWidth() - 1));
        }
        return of("m_" + r, particles.count(), i -> particles.studentTeacherOverlap(i, r), bins, lower, upper);
    }

    private static ParticleHistogram of(String name, int p, IntToDoubleFunction value, int bins, double lower,
                                        double upper) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins: " + bins + "; must be >= 1");
        }
        if (!(upper > lower) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
            throw new IllegalArgumentException("histogram range: [" + lower + ", " + upper
                    + "]; must be finite with upper > lower");
        }
        double[] f = new double[bins];
        double width = (upper - lower) / bins;
        for (int i = 0; i < p; i++) {
            int b = (int) Math.floor((value.applyAsDouble(i) - lower) / width);
            f[Math.max(0, Math.min(bins - 1, b))] += 1.0 / p;
        }
        return new ParticleHistogram(name, lower, upper, f);
    }

    public String observable() { return observable; }

    public int bins() { return fractions.length; }

    public double lower() { return lower; }

    public double upper() { return upper; }

    /** Centre of bin b. */
    public double binCentre(int b) { return lower + (b + 0.5) * (upper - lower) / fractions.length; }

    /** Fraction of particles in bin b. */
    public double fraction(int b) { return fractions[b]; }

    /** Copy of all fractions. */
    public double[] fractions() { return fractions.clone(); }
}
