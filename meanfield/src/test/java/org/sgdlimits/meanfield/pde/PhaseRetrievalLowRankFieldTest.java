package org.sgdlimits.meanfield.pde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.meanfield.ParticleDrift;
import org.sgdlimits.meanfield.ParticleDriftSettings;
import org.sgdlimits.meanfield.ParticleSystem;
import org.sgdlimits.meanfield.Particles;
import org.sgdlimits.meanfield.PhaseRetrievalLowRankDrift;
import org.sgdlimits.meanfield.PhaseRetrievalLowRankDriftTest;
import org.sgdlimits.meanfield.ReadmeQuotes;
import org.sgdlimits.ode.IntegratorSettings;
import org.sgdlimits.schedule.LearningRateSchedule;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The density PDE with the corrected (low-rank) closure of phase retrieval ({@link PhaseRetrievalLowRankField},
 * docs/closure.md §6): h ≡ 0 is the plain PDE; h is advanced by the solver's SSP-RK3 stages (third order);
 * the corrected PDE converges to the corrected particle system on grid refinement; at fixed g = 0.1 it follows
 * the full overlap ODE where the plain PDE does not. Start: the closure's on-manifold particles
 * m_i = 0.1·Φ⁻¹((i + ½)/p), q⊥_i = 1 − m_i², t ≤ 1.6 (as in docs/closure.md §4).
 */
class PhaseRetrievalLowRankFieldTest {
    private static final double G = 0.1;
    private static final TimeGrid TIMES = TimeGrid.linear(1.6, 17);
    /** The document that quotes this test's numbers (marker blocks pde-low-rank-*). */
    private static final String DOC = "docs/pde-convergence.md";
    /** Grids of the convergence check; {@code -Dpde.lowRank.grids=...} runs others (printed only). */
    private static final String DEFAULT_GRIDS = "50x20,100x40,200x80";
    private static final List<String> MOMENTS = List.of("risk", "excess_risk", "mean_m2", "mean_qperp");

    private static ParticleDriftSettings settings(int p) {
        return ParticleDriftSettings.ofWidth(p).withNoiseCoefficient(G);
    }

    private static ParticleDrift squareDrift(int p) {
        return new ParticleDrift(StandardActivation.SQUARE, StandardActivation.SQUARE, new double[] {1},
                new double[] {1}, settings(p));
    }

    /** The PDE on an xiCells × qCells grid (default geometry) from the deposit of the particles {m, q⊥}. */
    static PdeSolution solve(VelocityField field, double[][] start, int xiCells, int qCells) {
        DensityGrid initial = DensityGrid.fromParticles(PdeGridDefaults.forParticles(start[0], start[1], 1.0, xiCells,
                qCells), start[0], start[1], null);
        PdeSolution sol = new ContinuityPde(field, ContinuityPde.Options.defaults()).solve(initial, TIMES, null);
        PdeAccuracyCases.requireCompleted(sol.trajectory());
        return sol;
    }

    private static double maxGap(Trajectory a, Trajectory b, String column) {
        double worst = 0;
        for (int i = 0; i < a.size(); i++) {
            worst = Math.max(worst, Math.abs(a.value(i, column) - b.value(i, column)));
        }
        return worst;
    }

    /**
     * (a) With ḣ forced to 0 (h ≡ 0 through the solver's scalar stepping) the corrected field is the plain
     * closure: the PDE equals the plain PDE (quadrature {@link ParticleDrift}, square activations) to rounding
     * at g = 0.1, where the corrected h would reach 0.3.
     */
    @Test
    void forcedZeroCorrectionIsThePlainPde() {
        int p = 256;
        double[][] start = PhaseRetrievalLowRankDriftTest.onManifoldStart(p);
        PhaseRetrievalLowRankField corrected = new PhaseRetrievalLowRankField(
                new PhaseRetrievalLowRankDrift(1.0, settings(p)));
        VelocityField frozen = new VelocityField() {
            @Override
            public double evaluate(StretchedGrid grid, double t, double[] masses, double[] mDot, double[] qDot) {
                throw new AssertionError("the solver must use the scalar form");
            }

            @Override
            public double evaluate(StretchedGrid grid, double t, double[] masses, double[] scalars, double[] mDot,
                                   double[] qDot, double[] scalarDot) {
                double eps = corrected.evaluate(grid, t, masses, scalars, mDot, qDot, scalarDot);
                scalarDot[0] = 0.0;
                return eps;
            }

            @Override
            public List<String> scalarNames() {
                return corrected.scalarNames();
            }

            @Override
            public double[] initialScalars() {
                return corrected.initialScalars();
            }
        };
        PdeSolution held = solve(frozen, start, 100, 40);
        PdeSolution plain = solve(new ParticleDriftField(squareDrift(p), 1.0), start, 100, 40);
        PdeSolution free = solve(corrected, start, 100, 40);
        assertEquals(plain.steps(), held.steps(), "same step sequence");
        double worst = 0;
        for (String c : MOMENTS) {
            worst = Math.max(worst, maxGap(held.trajectory(), plain.trajectory(), c));
        }
        double hMax = Arrays.stream(free.trajectory().column("h")).max().orElseThrow();
        System.out.printf(Locale.ROOT, "h = 0 forced vs plain pde: max gap %.2e; free h reaches %.3f%n", worst, hMax);
        assertTrue(worst < 1e-12, "forced h = 0 against the plain PDE: " + worst);
        assertTrue(Arrays.stream(held.trajectory().column("h")).allMatch(v -> v == 0.0), "h held at 0");
        assertTrue(hMax > 0.2, "the free correction is not small: " + hMax);
        assertTrue(maxGap(free.trajectory(), plain.trajectory(), "risk") > 0.05, "the correction changes the risk");
    }

    /**
     * The scalar goes through the same SSP-RK3 stages: on a field with zero velocity and ḣ = −2h + mean q⊥ the
     * recorded h is the exact solution to third order in the step (here the record interval).
     */
    @Test
    void scalarIsAdvancedByTheThirdOrderStages() {
        double[][] start = {{0.1, -0.2, 0.3}, {0.5, 0.7, 0.9}};
        double meanQ = 0.7;
        VelocityField field = new VelocityField() {
            @Override
            public double evaluate(StretchedGrid grid, double t, double[] masses, double[] mDot, double[] qDot) {
                throw new AssertionError("scalar form expected");
            }

            @Override
            public double evaluate(StretchedGrid grid, double t, double[] masses, double[] scalars, double[] mDot,
                                   double[] qDot, double[] scalarDot) {
                double q = 0;
                for (int c = 0; c < masses.length; c++) {
                    q += masses[c] * grid.qCentre(c % grid.qCells());
                }
                scalarDot[0] = -2 * scalars[0] + q;
                return Double.NaN;
            }

            @Override
            public List<String> scalarNames() {
                return List.of("h");
            }

            @Override
            public double[] initialScalars() {
                return new double[] {1.0};
            }
        };
        double[] errors = new double[2];
        for (int v = 0; v < 2; v++) {
            TimeGrid times = TimeGrid.linear(1.0, v == 0 ? 11 : 21);
            DensityGrid initial = DensityGrid.fromParticles(new StretchedGrid(0.1, 1.0, 2.0, 20, 20), start[0],
                    start[1], null);
            double q = initial.meanQPerp();
            assertEquals(meanQ, q, 1e-12);
            Trajectory t = new ContinuityPde(field).solve(initial, times, null).trajectory();
            for (int i = 0; i < t.size(); i++) {
                double exact = q / 2 + (1 - q / 2) * Math.exp(-2 * t.time(i));
                errors[v] = Math.max(errors[v], Math.abs(t.value(i, "h") - exact));
            }
        }
        double order = Math.log(errors[0] / errors[1]) / Math.log(2);
        System.out.printf(Locale.ROOT, "scalar stepping: errors %.3e, %.3e, order %.2f%n", errors[0], errors[1], order);
        assertTrue(errors[0] < 1e-3, "error at step 0.1: " + errors[0]);
        assertEquals(3.0, order, 0.3, "SSP-RK3 order of the scalar");
    }

    /**
     * (b) The corrected PDE converges to the corrected particle system (p = 1000 particles, the same drift and
     * width, g = 0.1) as the grid is refined: risk, h and mean m² errors fall on 50 × 20 → 100 × 40 → 200 × 80
     * and are ≤ 2e-3 on the finest (h peaks at 0.4); the table is docs/pde-convergence.md's block.
     */
    @Test
    void correctedPdeConvergesToTheCorrectedParticles() throws IOException {
        int p = 1000;
        double[][] start = PhaseRetrievalLowRankDriftTest.onManifoldStart(p);
        PhaseRetrievalLowRankDrift low = new PhaseRetrievalLowRankDrift(1.0, settings(p));
        double[] a = new double[p];
        Arrays.fill(a, 1.0);
        Trajectory particles = ParticleSystem.lowRank(squareDrift(p), low, IntegratorSettings.defaults(),
                LearningRateSchedule.constant()).run(Particles.of(a, start[0], start[1], new double[] {1},
                new double[] {1}), TIMES).trajectory();
        String gridList = System.getProperty("pde.lowRank.grids", DEFAULT_GRIDS);
        int[][] grids = Arrays.stream(gridList.split(",")).map(g -> g.strip().split("x"))
                .map(g -> new int[] {Integer.parseInt(g[0]), Integer.parseInt(g[1])}).toArray(int[][]::new);
        String[] columns = {"risk", "h", "mean_m2", "mean_qperp"};
        double[][] err = new double[grids.length][columns.length];
        StringBuilder table = new StringBuilder(
                "| grid (ξ × q⊥) | risk | h | mean m² | mean q⊥ | steps |\n|---|---|---|---|---|---|\n");
        for (int g = 0; g < grids.length; g++) {
            long t0 = System.nanoTime();
            PdeSolution sol = solve(new PhaseRetrievalLowRankField(low), start, grids[g][0], grids[g][1]);
            double seconds = (System.nanoTime() - t0) * 1e-9;
            for (int c = 0; c < columns.length; c++) {
                err[g][c] = maxGap(sol.trajectory(), particles, columns[c]);
            }
            table.append(String.format(Locale.ROOT, "| %d × %d | %.2e | %.2e | %.2e | %.2e | %d |%n", grids[g][0],
                    grids[g][1], err[g][0], err[g][1], err[g][2], err[g][3], sol.steps()));
            System.out.printf(Locale.ROOT, "%d x %d: %.1f s%n", grids[g][0], grids[g][1], seconds);
        }
        System.out.print(table);
        for (int c = 0; c < 3; c++) {
            for (int g = 1; g < grids.length; g++) {
                assertTrue(err[g][c] < err[g - 1][c], columns[c] + " error not falling with refinement: "
                        + Arrays.toString(err[g - 1]) + " -> " + Arrays.toString(err[g]));
            }
        }
        double[] finest = err[grids.length - 1];
        assertTrue(finest[0] < 2e-3 && finest[1] < 2e-3 && finest[2] < 2e-3, "finest grid " + Arrays.toString(finest));
        assertTrue(finest[3] < 5e-3, "mean q⊥ on the finest grid " + finest[3]);
        if (!gridList.equals(DEFAULT_GRIDS)) {
            return; // a longer study (docs/pde-convergence.md): printed, not compared with the block
        }
        assertEquals(table.toString().strip(), ReadmeQuotes.documentBlock(DOC, "pde-low-rank-convergence"), DOC
                + " block pde-low-rank-convergence differs from today's errors; paste the table this test prints");
    }

    /**
     * (c) At g = 0.1 and p = 128 the corrected PDE's risk follows the full p×p overlap ODE within the PDE's
     * discretisation error, while the plain PDE is off by more than 0.05.
     */
    @Test
    void correctedPdeFollowsTheFullOdeWhereThePlainPdeDoesNot() throws IOException {
        int p = 128;
        double[] full = PhaseRetrievalLowRankDriftTest.fullOdeExcessRisk(p, G); // t = 0.1, 0.2, …, 1.6
        double[][] start = PhaseRetrievalLowRankDriftTest.onManifoldStart(p);
        Trajectory corrected = solve(new PhaseRetrievalLowRankField(new PhaseRetrievalLowRankDrift(1.0, settings(p))),
                start, 100, 40).trajectory();
        Trajectory plain = solve(new ParticleDriftField(squareDrift(p), 1.0), start, 100, 40).trajectory();
        double errCorrected = 0;
        double errPlain = 0;
        for (int i = 1; i < corrected.size(); i++) {
            errCorrected = Math.max(errCorrected, Math.abs(corrected.value(i, "excess_risk") - full[i - 1]));
            errPlain = Math.max(errPlain, Math.abs(plain.value(i, "excess_risk") - full[i - 1]));
        }
        String sentence = String.format(Locale.ROOT, "p = %d, g = %.1f, 100 × 40 cells, t ≤ 1.6: max |Δε| against the "
                + "full overlap ODE %.2e (corrected PDE), %.3f (plain PDE).", p, G, errCorrected, errPlain);
        System.out.println(sentence);
        assertTrue(errCorrected < 5e-3, "corrected PDE against the full ODE: " + errCorrected);
        assertTrue(errPlain >= 0.05, "plain PDE against the full ODE: " + errPlain);
        assertEquals(sentence, ReadmeQuotes.documentBlock(DOC, "pde-low-rank-full-ode"), DOC
                + " block pde-low-rank-full-ode differs from today's result; paste the sentence this test prints");
    }
}
