package org.sgdlimits.meanfield.pde;

import java.util.Arrays;
import java.util.function.Function;

import org.hipparchus.special.Erf;
import org.hipparchus.special.Gamma;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.meanfield.ParticleDrift;
import org.sgdlimits.meanfield.ParticleDriftSettings;
import org.sgdlimits.meanfield.ParticleSystem;
import org.sgdlimits.meanfield.Particles;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Reference cases for the density PDE's accuracy: a particle system with the same drift as the PDE (so the
 * PDE converges to it as the grid is refined), and the PDE on a grid of the given size with the default
 * geometry ({@link PdeGridDefaults}).
 * <ul>
 *   <li>{@code random}: erf student and teacher, width p = 1000, g = 1e-3 (noise term), Δ = 1e-3, the exact
 *       law of a random start at d = 1000, t ≤ 30; reference: 400 × 25 stratified quantile particles of the
 *       law (product of the m and q⊥ quantiles; 200 × 12 differ from it by less than 1e-5).</li>
 *   <li>{@code flow}: the issue's gradient flow, erf, width 2000, no noise, 2000 quantile particles
 *       m ~ N(0, 0.1²), q⊥ = 1 − m², t ≤ 30; reference: those particles; the PDE starts from their deposit.</li>
 * </ul>
 */
final class PdeAccuracyCases {
    private PdeAccuracyCases() {
    }

    /** Largest |PDE − particles| over the recorded times, and the PDE's cost. */
    record Gaps(double meanM2, double meanQPerp, double risk, long steps, double seconds, StretchedGrid grid) {
    }

    /** One case: drift, reference trajectory, and how the PDE starts on a grid. */
    record Case(String name, ParticleDrift drift, Trajectory reference, Function<int[], DensityGrid> start,
                TimeGrid times) {

        /** The gaps on a grid of xiCells × qCells, or on the default grid ({@link PdeGridDefaults}) if xiCells ≤ 0. */
        Gaps gaps(int xiCells, int qCells, SlopeLimiter xi, SlopeLimiter q) {
            DensityGrid initial = start.apply(new int[] {xiCells, qCells});
            ParticleDriftField field = new ParticleDriftField(drift, 1.0);
            ContinuityPde pde = new ContinuityPde(field, field.defaultOptions().withXiLimiter(xi).withQLimiter(q));
            long t0 = System.nanoTime();
            PdeSolution sol = pde.solve(initial, times, null);
            double seconds = (System.nanoTime() - t0) * 1e-9;
            Trajectory t = sol.trajectory();
            requireCompleted(t);
            if (Boolean.getBoolean("pde.verbose")) {
                for (int i = 0; i < t.size(); i++) {
                    System.out.printf(java.util.Locale.ROOT, "t=%.1f m2 %.6f/%.6f q %.6f/%.6f risk %.6e/%.6e%n",
                            t.time(i), t.value(i, "mean_m2"), reference.value(i, "mean_m2"), t.value(i, "mean_qperp"),
                            reference.value(i, "mean_qperp"), t.value(i, "risk"), reference.value(i, "risk"));
                }
            }
            return new Gaps(maxGap(t, "mean_m2"), maxGap(t, "mean_qperp"), maxGap(t, "risk"), sol.steps(), seconds,
                    initial.grid());
        }

        private double maxGap(Trajectory pde, String column) {
            double worst = 0;
            for (int i = 0; i < pde.size(); i++) {
                worst = Math.max(worst, Math.abs(pde.value(i, column) - reference.value(i, column)));
            }
            return worst;
        }
    }

    static Case named(String name) {
        return switch (name) {
            case "random" -> randomStart(Integer.getInteger("pde.reference.m", 400),
                    Integer.getInteger("pde.reference.q", 25), 30);
            case "flow" -> gradientFlow(30);
            default -> throw new IllegalArgumentException("pde.cases: unknown case '" + name + "'; allowed: random, flow");
        };
    }

    /** Random start at d = 1000 (see the class comment); {@code nm × nq} quantile particles for the reference. */
    static Case randomStart(int nm, int nq, int end) {
        int d = 1000;
        int width = 1000;
        ParticleDriftSettings settings = new ParticleDriftSettings(width, 1e-3, 1e-3, 0, 0, 0);
        ParticleDrift drift = new ParticleDrift(StandardActivation.ERF, StandardActivation.ERF, new double[] {1},
                new double[] {1}, settings);
        TimeGrid times = TimeGrid.linear(end, end + 1);
        int n = nm * nq;
        double[] m = new double[n];
        double[] q = new double[n];
        double sdM = Math.sqrt(1.0 / d);
        double shape = 0.5 * (d - 1);
        double scale = 2.0 / d;
        for (int a = 0; a < nm; a++) {
            double x = sdM * normalQuantile((a + 0.5) / nm);
            for (int b = 0; b < nq; b++) {
                m[a * nq + b] = x;
                q[a * nq + b] = scale * gammaQuantile(shape, (b + 0.5) / nq);
            }
        }
        Trajectory reference = particleRun(drift, m, q, times);
        String factor = System.getProperty("pde.stretchFactor");
        return new Case("random", drift, reference, cells -> DensityGrid.randomInitialisation(cells[0] <= 0
                ? PdeGridDefaults.forRandomStart(d, 1.0, 1.0) : factor == null
                ? PdeGridDefaults.forRandomStart(d, 1.0, 1.0, cells[0], cells[1])
                : new StretchedGrid(Double.parseDouble(factor) * sdM, PdeGridDefaults.randomStartMMax(1.0),
                        PdeGridDefaults.randomStartQMax(1.0), cells[0], cells[1]), d, 1.0, 1.0), times);
    }

    /** The issue's 2000 quantile particles: {m[], qPerp[]} with m ~ N(0, 0.1²) (quantiles (i + ½)/n), q⊥ = 1 − m². */
    /** {mean m², mean q⊥} of equally weighted particles {m, q⊥} (as from {@link #issueParticles()}). */
    static double[] moments(double[][] particles) {
        double[] m = particles[0];
        double[] q = particles[1];
        int n = m.length;
        double m2 = 0;
        double meanQ = 0;
        for (int i = 0; i < n; i++) {
            m2 += m[i] * m[i] / n;
            meanQ += q[i] / n;
        }
        return new double[] {m2, meanQ};
    }

    static double[][] issueParticles() {
        int n = 2000;
        double[] m = new double[n];
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = 0.1 * normalQuantile((i + 0.5) / n);
            q[i] = 1 - m[i] * m[i];
        }
        return new double[][] {m, q};
    }

    /** The issue's gradient flow from 2000 quantile particles (see the class comment). */
    static Case gradientFlow(int end) {
        double[][] particles = issueParticles();
        double[] m = particles[0];
        double[] q = particles[1];
        ParticleDriftSettings settings = ParticleDriftSettings.ofWidth(m.length);
        ParticleDrift drift = new ParticleDrift(StandardActivation.ERF, StandardActivation.ERF, new double[] {1},
                new double[] {1}, settings);
        TimeGrid times = TimeGrid.linear(end, end + 1);
        Trajectory reference = particleRun(drift, m, q, times);
        return new Case("flow", drift, reference,
                cells -> DensityGrid.fromParticles(cells[0] <= 0 ? PdeGridDefaults.forParticles(m, q, 1.0)
                        : PdeGridDefaults.forParticles(m, q, 1.0, cells[0], cells[1]), m, q, null), times);
    }

    /** The exact law binned by cell probabilities (the previous initialisation), for comparison. */
    static DensityGrid cdfBinned(StretchedGrid g, int d) {
        double sd = Math.sqrt(1.0 / d);
        double[] mass = new double[g.cellCount()];
        for (int i = 0; i < g.xiCells(); i++) {
            double lo = i == 0 ? 0 : 0.5 * Erf.erfc(-g.mEdge(i) / sd / Math.sqrt(2));
            double hi = i == g.xiCells() - 1 ? 1 : 0.5 * Erf.erfc(-g.mEdge(i + 1) / sd / Math.sqrt(2));
            for (int j = 0; j < g.qCells(); j++) {
                double qlo = j == 0 ? 0 : Gamma.regularizedGammaP(0.5 * (d - 1), 0.5 * d * g.qEdge(j));
                double qhi = j == g.qCells() - 1 ? 1 : Gamma.regularizedGammaP(0.5 * (d - 1), 0.5 * d * g.qEdge(j + 1));
                mass[g.index(i, j)] = Math.max(0, (hi - lo) * (qhi - qlo));
            }
        }
        double tot = Arrays.stream(mass).sum();
        for (int c = 0; c < mass.length; c++) {
            mass[c] /= tot;
        }
        return DensityGrid.ofMasses(g, mass);
    }

    private static Trajectory particleRun(ParticleDrift drift, double[] m, double[] q, TimeGrid times) {
        double[] a = new double[m.length];
        Arrays.fill(a, 1.0);
        Particles particles = Particles.of(a, m, q, new double[] {1}, new double[] {1});
        Trajectory t = new ParticleSystem(drift).run(particles, times).trajectory();
        requireCompleted(t);
        return t;
    }

    static void requireCompleted(Trajectory t) {
        if (t.status().outcome() != RunStatus.Outcome.COMPLETED) {
            throw new AssertionError("run did not complete: " + t.status());
        }
    }

    static double normalQuantile(double u) {
        return Math.sqrt(2) * Erf.erfInv(2 * u - 1);
    }

    /** Quantile of Gamma(shape, 1) by bisection on the regularised incomplete gamma function. */
    static double gammaQuantile(double shape, double u) {
        double lo = 0;
        double hi = shape + 40 * Math.sqrt(shape) + 40;
        for (int it = 0; it < 200 && hi - lo > 1e-15 * hi; it++) {
            double mid = 0.5 * (lo + hi);
            if (Gamma.regularizedGammaP(shape, mid) < u) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
