package org.sgdlimits.meanfield;

import java.util.ArrayList;
import java.util.List;
import org.sgdlimits.ode.IntegratorSettings;
import org.sgdlimits.ode.Observables;
import org.sgdlimits.ode.OdeSystem;
import org.sgdlimits.ode.TrajectoryIntegrator;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The corrected (low-rank) closure of docs/closure.md §2 for k = 1 and a fixed second layer, as an ODE on the
 * state y = (m (p), q⊥ (p), H (r², row-major)): {@link DenseLowRankClosure} (the O(p²) exact reference) and
 * {@link LatentLowRankClosure} (O(p), latent Gaussians). Implementations hold buffers: one run at a time.
 */
public interface LowRankClosure {

    /** Number of particles p. */
    int width();

    /** Rank r of the correction (columns of the basis). */
    int rank();

    /** P (k = 1). */
    double teacherOverlap();

    /** Label-noise variance Δ (the risk is ε + Δ/2). */
    double labelNoise();

    /** Length of the state: 2p + r². */
    default int dimension() {
        return 2 * width() + rank() * rank();
    }

    /** The right-hand side (ṁ, q̇⊥, Ḣ) into {@code yDot}. */
    void derivatives(double[] y, double[] yDot);

    /** The excess risk ε at a state. */
    double excessRisk(double[] y);

    /** Recorded columns of {@link #solve}: risk, excess risk, mean m²/ρ, mean q⊥, then H_a_b. */
    default List<String> columns() {
        List<String> c = new ArrayList<>(ParticleSystem.COLUMNS);
        int r = rank();
        for (int x = 0; x < r; x++) {
            for (int z = 0; z < r; z++) {
                c.add("H_" + x + "_" + z);
            }
        }
        return c;
    }

    /**
     * Integrates from particles (m_i, q⊥_i) with H(0) = 0 over the grid; the trajectory has {@link #columns()}
     * (risk = ε + Δ/2).
     */
    default Trajectory solve(double[] m0, double[] qPerp0, TimeGrid grid, IntegratorSettings settings) {
        int p = width();
        int r = rank();
        double rho = teacherOverlap();
        if (m0.length != p || qPerp0.length != p) {
            throw new IllegalArgumentException("m, qPerp: need " + p + " entries each");
        }
        double[] y0 = new double[dimension()];
        System.arraycopy(m0, 0, y0, 0, p);
        System.arraycopy(qPerp0, 0, y0, p, p);
        List<String> cols = columns();
        double halfNoise = 0.5 * labelNoise();
        OdeSystem system = new OdeSystem() {
            @Override
            public int dimension() {
                return LowRankClosure.this.dimension();
            }

            @Override
            public void derivatives(double t, double[] y, double[] yDot) {
                LowRankClosure.this.derivatives(y, yDot);
            }

            @Override
            public String componentName(int index) {
                return index < p ? "m_" + index : index < 2 * p ? "qperp_" + (index - p)
                        : "H_" + (index - 2 * p) / r + "_" + (index - 2 * p) % r;
            }
        };
        Observables observables = new Observables() {
            @Override
            public List<String> columns() {
                return cols;
            }

            @Override
            public void evaluate(double t, double[] y, double[] out) {
                double eps = excessRisk(y);
                double mm = 0;
                double qq = 0;
                for (int i = 0; i < p; i++) {
                    mm += y[i] * y[i] / rho;
                    qq += y[p + i];
                }
                out[0] = eps + halfNoise;
                out[1] = eps;
                out[2] = mm / p;
                out[3] = qq / p;
                System.arraycopy(y, 2 * p, out, 4, r * r);
            }
        };
        return new TrajectoryIntegrator(settings).integrate(system, y0, grid, observables, List.of()).trajectory();
    }
}
