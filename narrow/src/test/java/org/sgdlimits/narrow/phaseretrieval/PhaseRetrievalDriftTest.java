package org.sgdlimits.narrow.phaseretrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.dynamics.DriftTerms;
import org.sgdlimits.dynamics.PopulationDrift;
import org.sgdlimits.gauss.GaussianMoments;
import org.sgdlimits.overlap.Overlaps;

class PhaseRetrievalDriftTest {

    /** A random valid covariance Ω = [[Q, M], [Mᵀ, ρ]] = G Gᵀ/n for a p+1 row Gaussian G. */
    static double[] randomOmega(int p, long seed) {
        Random rng = new Random(seed);
        int n = p + 1;
        int cols = n + 3;
        double[] g = new double[n * cols];
        for (int c = 0; c < g.length; c++) {
            g[c] = rng.nextGaussian();
        }
        double[] omega = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int l = 0; l < cols; l++) {
                    acc += g[i * cols + l] * g[j * cols + l];
                }
                omega[i * n + j] = acc / cols;
            }
        }
        return omega;
    }

    static double[] studentBlock(double[] omega, int p) {
        double[] q = new double[p * p];
        for (int i = 0; i < p; i++) {
            System.arraycopy(omega, i * (p + 1), q, i * p, p);
        }
        return q;
    }

    static double[] teacherColumn(double[] omega, int p) {
        double[] m = new double[p];
        for (int i = 0; i < p; i++) {
            m[i] = omega[i * (p + 1) + p];
        }
        return m;
    }

    /**
     * E[h^power · X_u X_v] with h = f − f* = (1/p) Σ_l X_l² − X_*², expanded into monomials and summed by
     * brute-force Wick pairings.
     */
    static double wickMomentOfError(IsserlisPairingSum wick, int p, int power, int u, int v) {
        int n = p + 1;
        double[] coef = new double[n];
        for (int l = 0; l < p; l++) {
            coef[l] = 1.0 / p;
        }
        coef[p] = -1.0;
        double total = 0.0;
        int[] terms = new int[power];
        int combos = (int) Math.pow(n, power);
        for (int code = 0; code < combos; code++) {
            int c = code;
            double w = 1.0;
            for (int k = 0; k < power; k++) {
                terms[k] = c % n;
                c /= n;
                w *= coef[terms[k]];
            }
            int[] idx = new int[2 * power + 2];
            for (int k = 0; k < power; k++) {
                idx[2 * k] = terms[k];
                idx[2 * k + 1] = terms[k];
            }
            idx[2 * power] = u;
            idx[2 * power + 1] = v;
            total += w * wick.moment(idx);
        }
        return total;
    }

    @Test
    void pairingSumReproducesGaussianMomentsOfOneVariable() {
        IsserlisPairingSum wick = new IsserlisPairingSum(new double[] {2.0}, 1);
        assertEquals(3 * 4.0, wick.moment(0, 0, 0, 0), 1e-12);
        assertEquals(15 * 8.0, wick.moment(0, 0, 0, 0, 0, 0), 1e-12);
        assertEquals(105 * 16.0, wick.moment(0, 0, 0, 0, 0, 0, 0, 0), 1e-10);
        assertEquals(945, IsserlisPairingSum.pairingCount(10));
    }

    @Test
    void closedFormMomentsMatchBruteForceWickPairingSums() {
        for (int p : new int[] {1, 2, 3}) {
            for (long seed = 1; seed <= 3; seed++) {
                double[] omega = randomOmega(p, seed * 17 + p);
                double[] q = studentBlock(omega, p);
                double[] m = teacherColumn(omega, p);
                double rho = omega[p * (p + 1) + p];
                IsserlisPairingSum wick = new IsserlisPairingSum(omega, p + 1);

                double[] gradient = new double[p * p];
                double[] noise = new double[p * p];
                double[] teacher = new double[p];
                PhaseRetrievalDrift.errorFieldCorrelation(q, m, p, rho, gradient);
                PhaseRetrievalDrift.squaredErrorFieldCorrelation(q, m, p, rho, noise);
                PhaseRetrievalDrift.errorTeacherCorrelation(q, m, p, rho, teacher);
                String where = "p=" + p + " seed=" + seed;
                for (int i = 0; i < p; i++) {
                    for (int j = 0; j < p; j++) {
                        double scale = 1 + Math.abs(noise[i * p + j]);
                        assertEquals(wickMomentOfError(wick, p, 1, i, j), gradient[i * p + j], 1e-12 * scale, where);
                        assertEquals(wickMomentOfError(wick, p, 2, i, j), noise[i * p + j], 1e-11 * scale, where);
                    }
                    assertEquals(wickMomentOfError(wick, p, 1, i, p), teacher[i], 1e-12, where);
                }
                double epsWick = 0.0;
                {
                    // ε = ½ E[h²]: a product with no extra factors, computed as E[h² · 1] via the same expansion
                    int n = p + 1;
                    double[] coef = new double[n];
                    for (int l = 0; l < p; l++) {
                        coef[l] = 1.0 / p;
                    }
                    coef[p] = -1.0;
                    for (int a = 0; a < n; a++) {
                        for (int b = 0; b < n; b++) {
                            epsWick += 0.5 * coef[a] * coef[b] * wick.moment(a, a, b, b);
                        }
                    }
                }
                assertEquals(epsWick, PhaseRetrievalDrift.excessRisk(q, m, p, rho), 1e-12, where);
            }
        }
    }

    @Test
    void driftUsesTheSgdFactorsOfSpecSection3() {
        // dM = −a E[e σ'(λ) λ*] with σ' = 2x; dQ = −2·2 E[e λλᵀ] (sym.) + g a² E[e² σ'σ'] with e² → h² + Δ
        int p = 3;
        double g = 0.07;
        double delta = 0.2;
        double[] omega = randomOmega(p, 99);
        double[] q = studentBlock(omega, p);
        double[] m = teacherColumn(omega, p);
        double rho = omega[p * (p + 1) + p];
        PhaseRetrievalDrift drift = new PhaseRetrievalDrift(new PhaseRetrievalModel(p, rho, g, delta, false));
        double[] dQ = new double[p * p];
        double[] dM = new double[p];
        drift.evaluate(q, m, drift.newWorkspace(), dQ, dM);
        IsserlisPairingSum wick = new IsserlisPairingSum(omega, p + 1);
        for (int i = 0; i < p; i++) {
            assertEquals(-2.0 * wickMomentOfError(wick, p, 1, i, p), dM[i], 1e-12);
            for (int j = 0; j < p; j++) {
                double expected = -4.0 * wickMomentOfError(wick, p, 1, i, j)
                        + g * 4.0 * (wickMomentOfError(wick, p, 2, i, j) + delta * q[i * p + j]);
                assertEquals(expected, dQ[i * p + j], 1e-11 * (1 + Math.abs(expected)));
            }
        }
    }

    @Test
    void plateauReductionGivesTheScalarFlowOfSpecSection6() {
        // M = 0, Q = qI: dQ/dt = 4 q F(q) I with F(q) = 1 − bq + g(a q² − 2bq + 3 + Δ)
        for (int p : new int[] {1, 2, 5, 16}) {
            double g = 0.05;
            double delta = 0.3;
            double qq = 0.7;
            double b = 1 + 2.0 / p;
            double a = (1 + 2.0 / p) * (1 + 4.0 / p);
            double f = 1 - b * qq + g * (a * qq * qq - 2 * b * qq + 3 + delta);
            double[] q = new double[p * p];
            for (int i = 0; i < p; i++) {
                q[i * p + i] = qq;
            }
            double[] m = new double[p];
            PhaseRetrievalDrift drift = new PhaseRetrievalDrift(PhaseRetrievalModel.plain(p, g, delta));
            double[] dQ = new double[p * p];
            double[] dM = new double[p];
            drift.evaluate(q, m, drift.newWorkspace(), dQ, dM);
            for (int i = 0; i < p; i++) {
                assertEquals(4 * qq * f, dQ[i * p + i], 1e-13);
            }
            // linear growth rate of M on the plateau: dM = 2(3 − b q) M
            m[0] = 1e-3;
            drift.evaluate(q, m, drift.newWorkspace(), dQ, dM);
            assertEquals(2 * (3 - b * qq) * 1e-3, dM[0], 1e-15);
        }
    }

    @Test
    void sphericalDriftKeepsUnitNormsAndProjectsThePlainDrift() {
        int p = 4;
        double[] omega = randomOmega(p, 5);
        // normalise the students to unit norm (correlation matrix)
        int n = p + 1;
        double[] normed = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double si = i < p ? Math.sqrt(omega[i * n + i]) : 1.0;
                double sj = j < p ? Math.sqrt(omega[j * n + j]) : 1.0;
                normed[i * n + j] = omega[i * n + j] / (si * sj);
            }
        }
        double[] q = studentBlock(normed, p);
        double[] m = teacherColumn(normed, p);
        double rho = normed[p * n + p];
        PhaseRetrievalModel plainModel = new PhaseRetrievalModel(p, rho, 0.1, 0.05, false);
        PhaseRetrievalModel sphModel = new PhaseRetrievalModel(p, rho, 0.1, 0.05, true);
        double[] dQ = new double[p * p];
        double[] dM = new double[p];
        double[] sQ = new double[p * p];
        double[] sM = new double[p];
        PhaseRetrievalDrift plain = new PhaseRetrievalDrift(plainModel);
        PhaseRetrievalDrift sph = new PhaseRetrievalDrift(sphModel);
        plain.evaluate(q, m, plain.newWorkspace(), dQ, dM);
        sph.evaluate(q, m, sph.newWorkspace(), sQ, sM);
        // the projected drift is the derivative of the renormalised plain flow at t = 0 (central difference)
        double h = 1e-6;
        for (int i = 0; i < p; i++) {
            assertEquals(0.0, sQ[i * p + i], 1e-14);
            double np = Math.sqrt(1 + h * dQ[i * p + i]);
            double nm = Math.sqrt(1 - h * dQ[i * p + i]);
            double fd = ((m[i] + h * dM[i]) / np - (m[i] - h * dM[i]) / nm) / (2 * h);
            assertEquals(fd, sM[i], 1e-7);
            for (int j = 0; j < p; j++) {
                double npj = Math.sqrt(1 + h * dQ[j * p + j]);
                double nmj = Math.sqrt(1 - h * dQ[j * p + j]);
                double fdq = ((q[i * p + j] + h * dQ[i * p + j]) / (np * npj)
                        - (q[i * p + j] - h * dQ[i * p + j]) / (nm * nmj)) / (2 * h);
                assertEquals(fdq, sQ[i * p + j], 1e-7);
            }
        }
    }

    @Test
    void closedFormDriftAgreesWithTheGeneralGaussianMomentEngineForSquareActivation() {
        GaussianMoments square = GaussianMoments.forPair(StandardActivation.SQUARE, StandardActivation.SQUARE);
        for (int p : new int[] {1, 2, 5}) {
            double g = 0.09;
            double delta = 0.4;
            double[] omega = randomOmega(p, 1000 + p);
            double[] q = studentBlock(omega, p);
            double[] m = teacherColumn(omega, p);
            double rho = omega[p * (p + 1) + p];
            double[] ones = new double[p];
            java.util.Arrays.fill(ones, 1.0);
            Overlaps overlaps = Overlaps.of(q, m, new double[] {rho}, ones, new double[] {1.0});
            PopulationDrift general = PopulationDrift.forTeacherOf(square, overlaps, delta);
            DriftTerms terms = general.newTerms(p);
            general.evaluate(overlaps, terms);
            PhaseRetrievalDrift closed = new PhaseRetrievalDrift(new PhaseRetrievalModel(p, rho, g, delta, false));
            double[] dQ = new double[p * p];
            double[] dM = new double[p];
            double eps = closed.evaluate(q, m, closed.newWorkspace(), dQ, dM);
            String where = "p=" + p;
            assertEquals(terms.excessRisk, eps, 1e-12 * (1 + eps), where);
            for (int i = 0; i < p; i++) {
                assertEquals(terms.dM[i], dM[i], 1e-11 * (1 + Math.abs(dM[i])), where);
                for (int j = 0; j < p; j++) {
                    double expected = terms.dQGradient[i * p + j] + g * terms.dQNoise[i * p + j];
                    assertEquals(expected, dQ[i * p + j], 1e-11 * (1 + Math.abs(expected)), where);
                }
            }
        }
    }

    @Test
    void badModelParametersAreRejectedWithTheirNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PhaseRetrievalModel.plain(0, 0.1, 0));
        assertEquals(true, e.getMessage().contains("width"));
        e = assertThrows(IllegalArgumentException.class, () -> PhaseRetrievalModel.plain(2, -0.1, 0));
        assertEquals(true, e.getMessage().contains("g"));
        e = assertThrows(IllegalArgumentException.class, () -> PhaseRetrievalModel.plain(2, 0.1, -1));
        assertEquals(true, e.getMessage().contains("noise"));
    }
}
