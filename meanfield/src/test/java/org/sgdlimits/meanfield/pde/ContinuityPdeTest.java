package org.sgdlimits.meanfield.pde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.TimeGrid;

/** The finite-volume scheme on synthetic velocity fields with exact solutions. */
class ContinuityPdeTest {

    private static double normalCdf(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }

    /** Exact Gaussian probability of [a, b] for N(mean, sd²). */
    private static double gaussianMass(double a, double b, double mean, double sd) {
        return normalCdf((b - mean) / sd) - normalCdf((a - mean) / sd);
    }

    private static double l1(double[] a, double[] b) {
        double s = 0;
        for (int c = 0; c < a.length; c++) {
            s += Math.abs(a[c] - b[c]);
        }
        return s;
    }

    @Test
    void massConservedToRoundOffAndNonNegativeUnderStronglyCompressiveDensityDependentField() {
        StretchedGrid grid = new StretchedGrid(1e-2, 3.0, 3.0, 120, 24);
        DensityGrid initial = DensityGrid.randomInitialisation(grid, 400, 1.0);
        // contracts everything onto (m, q⊥) = (0.5 + ½·mean m, 0) at rate 6, with a shear; depends on μ
        VelocityField field = (g, t, masses, mDot, qDot) -> {
            double meanM = 0;
            for (int i = 0; i < g.xiCells(); i++) {
                for (int j = 0; j < g.qCells(); j++) {
                    meanM += masses[g.index(i, j)] * g.mCentre(i);
                }
            }
            double target = 0.5 + 0.5 * meanM;
            for (int i = 0; i < g.xiCells(); i++) {
                double m = g.mCentre(i);
                for (int j = 0; j < g.qCells(); j++) {
                    double q = g.qCentre(j);
                    mDot[g.index(i, j)] = -6 * (m - target) + 0.5 * Math.sin(3 * q);
                    qDot[g.index(i, j)] = -6 * q * (1 + m * m);
                }
            }
            return Double.NaN;
        };
        PdeSolution sol = new ContinuityPde(field).solve(initial, TimeGrid.linear(20, 5), new double[] {10});
        assertEquals(RunStatus.Outcome.COMPLETED, sol.trajectory().status().outcome(), sol.trajectory().status().toString());
        System.out.printf("compressive run: %d steps (%d rejected), max |mass - 1| = %.2e, min mass %.2e%n",
                sol.steps(), sol.rejectedSteps(), sol.maxMassError(), sol.minMass());
        assertTrue(sol.steps() > 1000, "a long run: " + sol.steps() + " steps");
        assertTrue(sol.maxMassError() <= 1e-12, "mass error " + sol.maxMassError());
        assertTrue(Math.abs(sol.finalDensity().totalMass() - 1) <= 1e-12);
        assertTrue(sol.minMass() >= 0, "min mass " + sol.minMass());
        assertTrue(sol.finalDensity().minimumMass() >= 0);
        // the density collapsed near the fixed point m = 1 (target = 0.5 + m/2), q⊥ = 0 (shear shifts m)
        DensityGrid end = sol.finalDensity();
        assertTrue(end.meanQPerp() < 2 * grid.qSpacing(), "mean q⊥ " + end.meanQPerp());
        assertEquals(1.0, end.meanM(), 0.05);
    }

    @Test
    void pureAdvectionInXiConvergesAtSecondOrder() {
        double c = 1.0;
        double xi0 = -2.0;
        double w = 0.5;
        double t = 2.0;
        double[] err = new double[3];
        int[] sizes = {50, 100, 200};
        for (int r = 0; r < sizes.length; r++) {
            StretchedGrid grid = new StretchedGrid(0.1, 10.0, 3.0, sizes[r], 6);
            // density uniform in q⊥, Gaussian in ξ (so dm-density g(ξ(m)) / (s cosh ξ))
            DensityGrid initial = DensityGrid.fromDensity(grid, (m, q) -> {
                double xi = StretchedGrid.asinh(m / 0.1);
                return Math.exp(-0.5 * Math.pow((xi - xi0) / w, 2)) / (0.1 * Math.cosh(xi));
            }, 6);
            VelocityField field = (g, time, masses, mDot, qDot) -> {
                for (int i = 0; i < g.xiCells(); i++) {
                    for (int j = 0; j < g.qCells(); j++) {
                        mDot[g.index(i, j)] = c * g.mJacobian(i); // v_ξ = c
                    }
                }
                return Double.NaN;
            };
            PdeSolution sol = new ContinuityPde(field).solve(initial, TimeGrid.linear(t, 2), null);
            double[] exact = new double[grid.cellCount()];
            for (int i = 0; i < grid.xiCells(); i++) {
                double lo = -grid.xiMax() + i * grid.xiSpacing();
                double col = gaussianMass(lo, lo + grid.xiSpacing(), xi0 + c * t, w);
                for (int j = 0; j < grid.qCells(); j++) {
                    exact[grid.index(i, j)] = col / grid.qCells();
                }
            }
            err[r] = l1(sol.finalDensity().masses(), exact);
            assertTrue(sol.maxMassError() <= 1e-13);
        }
        double order1 = Math.log(err[0] / err[1]) / Math.log(2);
        double order2 = Math.log(err[1] / err[2]) / Math.log(2);
        System.out.printf("xi advection L1 errors %.3e %.3e %.3e, orders %.2f %.2f%n", err[0], err[1], err[2],
                order1, order2);
        assertTrue(order2 > 1.6, "observed order " + order2);
        assertTrue(err[2] < 2e-2, "L1 error at 200 cells " + err[2]);
    }

    @Test
    void pureAdvectionInQConvergesAtSecondOrder() {
        double c = 1.0;
        double q0 = 0.9;
        double sd = 0.2;
        double t = 1.0;
        int[] sizes = {25, 50, 100};
        double[] err = new double[3];
        for (int r = 0; r < sizes.length; r++) {
            StretchedGrid grid = new StretchedGrid(0.1, 1.0, 3.0, 4, sizes[r]);
            DensityGrid initial = DensityGrid.fromDensity(grid,
                    (m, q) -> Math.exp(-0.5 * Math.pow((q - q0) / sd, 2)), 6);
            VelocityField field = (g, time, masses, mDot, qDot) -> {
                java.util.Arrays.fill(qDot, c);
                return Double.NaN;
            };
            PdeSolution sol = new ContinuityPde(field).solve(initial, TimeGrid.linear(t, 2), null);
            double[] exact = new double[grid.cellCount()];
            for (int i = 0; i < grid.xiCells(); i++) {
                for (int j = 0; j < grid.qCells(); j++) {
                    exact[grid.index(i, j)] = initial.columnMass(i)
                            * gaussianMass(grid.qEdge(j), grid.qEdge(j + 1), q0 + c * t, sd);
                }
            }
            err[r] = l1(sol.finalDensity().masses(), exact);
        }
        double order2 = Math.log(err[1] / err[2]) / Math.log(2);
        System.out.printf("q advection L1 errors %.3e %.3e %.3e, order %.2f%n", err[0], err[1], err[2], order2);
        assertTrue(order2 > 1.6, "observed order " + order2);
    }

    /**
     * ṁ = λm (expansive, the escape from the equator) and q̇ = −κ(q − q*) (compressive): a Gaussian stays
     * Gaussian, sd_m(t) = sd_m e^{λt}, q⊥ mean q* + (q0 − q*)e^{−κt}, sd_q e^{−κt}.
     */
    @Test
    void linearExpansiveAndCompressiveFieldsMatchExactGaussianMomentsWithShrinkingError() {
        double[] koren = linearFieldErrors(SlopeLimiter.KOREN);
        double[] vanLeer = linearFieldErrors(SlopeLimiter.VAN_LEER);
        assertTrue(koren[2] < 1e-3, "Koren: relative error of mean m² at 400×40: " + koren[2]);
        assertTrue(vanLeer[2] < 3e-3, "van Leer: relative error of mean m² at 400×40: " + vanLeer[2]);
        assertTrue(koren[2] < vanLeer[2]);
    }

    /** Relative errors of mean m² at 100×10, 200×20, 400×40; asserts the mean q⊥ part. */
    private static double[] linearFieldErrors(SlopeLimiter limiter) {
        double lambda = 1.0;
        double kappa = 1.0;
        double qStar = 0.5;
        double sdM = 0.01;
        double q0 = 1.2;
        double sdQ = 0.15;
        double t = 3.0;
        int[][] sizes = {{100, 10}, {200, 20}, {400, 40}};
        double exactM2 = sdM * sdM * Math.exp(2 * lambda * t);
        double exactQ = qStar + (q0 - qStar) * Math.exp(-kappa * t);
        double[] errM2 = new double[3];
        double[] errQ = new double[3];
        for (int r = 0; r < sizes.length; r++) {
            StretchedGrid grid = new StretchedGrid(1e-3, 3.0, 3.0, sizes[r][0], sizes[r][1]);
            DensityGrid initial = DensityGrid.fromDensity(grid, (m, q) ->
                    Math.exp(-0.5 * Math.pow(m / sdM, 2) - 0.5 * Math.pow((q - q0) / sdQ, 2)), 4);
            VelocityField field = (g, time, masses, mDot, qDot) -> {
                for (int i = 0; i < g.xiCells(); i++) {
                    for (int j = 0; j < g.qCells(); j++) {
                        mDot[g.index(i, j)] = lambda * g.mCentre(i);
                        qDot[g.index(i, j)] = -kappa * (g.qCentre(j) - qStar);
                    }
                }
                return Double.NaN;
            };
            // first order in q⊥: it evolves the mean of this linear q-field exactly (checked below)
            PdeSolution sol = new ContinuityPde(field, ContinuityPde.Options.defaults().withXiLimiter(limiter)
                    .withQLimiter(SlopeLimiter.NONE)).solve(initial, TimeGrid.linear(t, 3), null);
            DensityGrid end = sol.finalDensity();
            // the exact cell masses at t, with the same cell-centre moments: separates scheme from quadrature
            double[] exact = new double[grid.cellCount()];
            double sdMt = sdM * Math.exp(lambda * t);
            double meanQt = exactQ;
            double sdQt = sdQ * Math.exp(-kappa * t);
            for (int i = 0; i < grid.xiCells(); i++) {
                double pm = gaussianMass(grid.mEdge(i), grid.mEdge(i + 1), 0, sdMt);
                for (int j = 0; j < grid.qCells(); j++) {
                    exact[grid.index(i, j)] = pm * gaussianMass(grid.qEdge(j), grid.qEdge(j + 1), meanQt, sdQt);
                }
            }
            DensityGrid exactGrid = DensityGrid.ofMasses(grid, exact);
            System.out.printf("%dx%d: mean m^2 %.6e (exact masses %.6e, continuum %.6e), mean q %.6f (%.6f, %.6f)%n",
                    sizes[r][0], sizes[r][1], end.meanM2(), exactGrid.meanM2(), exactM2, end.meanQPerp(),
                    exactGrid.meanQPerp(), exactQ);
            errM2[r] = Math.abs(end.meanM2() - exactM2) / exactM2;
            errQ[r] = Math.abs(end.meanQPerp() - exactQ);
            assertTrue(sol.maxMassError() <= 1e-12);
            assertTrue(sol.minMass() >= 0);
        }
        System.out.printf("linear field (%s): rel err mean m^2 %.2e %.2e %.2e; err mean q %.2e %.2e %.2e%n",
                limiter, errM2[0], errM2[1], errM2[2], errQ[0], errQ[1], errQ[2]);
        assertTrue(errM2[2] < errM2[0], "mean m² error must shrink with refinement");
        // first-order flux-vector splitting with cell-centre velocities evolves the mean of a linear q-field
        // exactly: only the time-stepping error remains
        assertTrue(errQ[2] < 1e-6, "error of mean q⊥ at 400×40: " + errQ[2]);
        return errM2;
    }

    @Test
    void nonFiniteVelocityIsReportedAsDivergenceWithTime() {
        StretchedGrid grid = new StretchedGrid(0.1, 2.0, 3.0, 10, 10);
        DensityGrid initial = DensityGrid.randomInitialisation(grid, 100, 1.0);
        VelocityField field = (g, t, masses, mDot, qDot) -> {
            java.util.Arrays.fill(qDot, t > 0.5 ? Double.NaN : -1.0 * 0);
            return 0.0;
        };
        PdeSolution sol = new ContinuityPde(field).solve(initial, TimeGrid.linear(1, 5), null);
        RunStatus status = sol.trajectory().status();
        assertTrue(status.diverged());
        assertTrue(status.cause().contains("non-finite velocity"), status.cause());
        assertEquals(0.5, status.time(), 1e-12);
        assertEquals(3, sol.trajectory().size());
        assertFalse(Double.isNaN(sol.finalDensity().totalMass()));
    }

    @Test
    void badOptionsAreRejectedWithFieldNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContinuityPde.Options.defaults().withCfl(1.5));
        assertTrue(e.getMessage().startsWith("cfl"));
        assertThrows(IllegalArgumentException.class, () -> new StretchedGrid(0, 1, 1, 10, 10));
    }
}
