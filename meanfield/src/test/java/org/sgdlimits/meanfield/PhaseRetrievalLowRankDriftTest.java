package org.sgdlimits.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalDrift;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalModel;

public class PhaseRetrievalLowRankDriftTest {

    /** A random state: m ~ 0.4 N(0,1), q⊥ ~ U(0.1, 1.5). */
    private static double[][] state(int p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] m = new double[p];
        double[] q = new double[p];
        for (int i = 0; i < p; i++) {
            m[i] = 0.4 * (r.nextDouble() + r.nextDouble() + r.nextDouble() - 1.5) * 2;
            q[i] = 0.1 + 1.4 * r.nextDouble();
        }
        return new double[][] {m, q};
    }

    /** Q = m mᵀ/ρ + diag(q⊥) + offdiag(h m mᵀ), dense. */
    static double[] ansatz(double[] m, double[] q, double h, double rho) {
        int p = m.length;
        double[] out = new double[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                out[i * p + j] = m[i] * m[j] / rho + (i == j ? q[i] : h * m[i] * m[j]);
            }
        }
        return out;
    }

    private static double rel(double x, double y) {
        return Math.abs(x - y) / Math.max(1.0, Math.abs(x));
    }

    @Test
    void zeroCorrectionIsThePlainClosure() {
        for (int p : new int[] {5, 17, 40}) {
            double[][] s = state(p, 11 + p);
            double[] a = new double[p];
            java.util.Arrays.fill(a, 1.0);
            ParticleDriftSettings settings = ParticleDriftSettings.ofWidth(p).withNoiseCoefficient(0.15)
                    .withLabelNoise(0.05).withWeightDecay(0.02);
            ParticleDrift plain = new ParticleDrift(StandardActivation.SQUARE, StandardActivation.SQUARE,
                    new double[] {1.0}, new double[] {1.0}, settings);
            ParticleDriftTerms t = new ParticleDriftTerms(p, 1);
            plain.evaluate(p, a, s[0], s[1], 0.8, t);
            PhaseRetrievalLowRankDrift low = new PhaseRetrievalLowRankDrift(1.0, settings);
            double[] dm = new double[p];
            double[] dq = new double[p];
            low.evaluate(p, s[0], s[1], null, 0.0, 0.8, dm, dq);
            for (int i = 0; i < p; i++) {
                assertEquals(0, rel(t.dm[i], dm[i]), 1e-12, "dm p=" + p);
                assertEquals(0, rel(t.dqPerp[i], dq[i]), 1e-12, "dqPerp p=" + p);
            }
            assertEquals(0, rel(plain.excessRisk(p, a, s[0], s[1], null, t),
                    low.excessRisk(p, s[0], s[1], null, 0.0)), 1e-12);
        }
    }

    @Test
    void correctedDriftIsTheDenseDriftAtTheAnsatz() {
        for (double rho : new double[] {1.0, 1.3}) {
            for (int p : new int[] {5, 17, 40}) {
                double[][] s = state(p, 3 * p);
                double h = 0.37;
                double g = 0.2;
                double delta = 0.1;
                PhaseRetrievalModel model = new PhaseRetrievalModel(p, rho, g, delta, false);
                PhaseRetrievalDrift dense = new PhaseRetrievalDrift(model);
                double[] q = ansatz(s[0], s[1], h, rho);
                double[] dQ = new double[p * p];
                double[] dM = new double[p];
                double eps = dense.evaluate(q, s[0], dense.newWorkspace(), dQ, dM);
                // dense Galerkin projection of the off-diagonal orthogonal drift onto m_i m_j
                double u = 1 / rho + h;
                double num = 0;
                double den = 0;
                for (int i = 0; i < p; i++) {
                    for (int j = 0; j < p; j++) {
                        if (i != j) {
                            double mm = s[0][i] * s[0][j];
                            num += mm * (dQ[i * p + j] - u * (dM[i] * s[0][j] + s[0][i] * dM[j]));
                            den += mm * mm;
                        }
                    }
                }
                PhaseRetrievalLowRankDrift low = new PhaseRetrievalLowRankDrift(rho,
                        ParticleDriftSettings.ofWidth(p).withNoiseCoefficient(g).withLabelNoise(delta));
                double[] dm = new double[p];
                double[] dq = new double[p];
                double dh = low.evaluate(p, s[0], s[1], null, h, 1.0, dm, dq);
                for (int i = 0; i < p; i++) {
                    assertEquals(0, rel(dM[i], dm[i]), 1e-12, "dM");
                    double dqFull = dQ[i * p + i] - 2 * s[0][i] * dM[i] / rho;
                    assertEquals(0, rel(dqFull, dq[i]), 1e-12, "dqPerp");
                }
                assertEquals(0, rel(num / den, dh), 1e-12, "dh p=" + p + " rho=" + rho);
                assertEquals(0, rel(eps, low.excessRisk(p, s[0], s[1], null, h)), 1e-12, "eps");
            }
        }
    }

    @Test
    void infiniteWidthIsTheClosedForm() {
        // c = 0 (width ∞), ρ = 1, Δ = 0: ḣ = −8h + 4g[S²u + 4Su²A + 10u³A² − 2Su − 4S − 4u²A − 20uA + 3u + 12]
        int n = 200;
        double[][] s = state(n, 5);
        double g = 0.1;
        double h = 0.21;
        PhaseRetrievalLowRankDrift low = new PhaseRetrievalLowRankDrift(1.0,
                ParticleDriftSettings.ofWidth(Double.POSITIVE_INFINITY).withNoiseCoefficient(g));
        double[] dm = new double[n];
        double[] dq = new double[n];
        double dh = low.evaluate(n, s[0], s[1], null, h, 1.0, dm, dq);
        double a = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            a += s[0][i] * s[0][i] / n;
            sq += (s[1][i] + s[0][i] * s[0][i]) / n;
        }
        double u = 1 + h;
        double expected = -8 * h + 4 * g * (sq * sq * u + 4 * sq * u * u * a + 10 * u * u * u * a * a - 2 * sq * u
                - 4 * sq - 4 * u * u * a - 20 * u * a + 3 * u + 12);
        assertEquals(expected, dh, 1e-13 * Math.max(1, Math.abs(expected)));
        for (int i = 0; i < n; i++) {
            assertEquals(2 * s[0][i] * (3 - sq - 2 * u * a), dm[i], 1e-13);
        }
    }

    /** Gradient flow at p = ∞: ḣ = −8ρh (at finite p the 1/p terms add a source; the dense test checks those). */
    @Test
    void gradientFlowRelaxesTheCorrection() {
        double[][] s = state(40, 7);
        PhaseRetrievalLowRankDrift low = new PhaseRetrievalLowRankDrift(1.4,
                ParticleDriftSettings.ofWidth(Double.POSITIVE_INFINITY));
        double dh = low.evaluate(40, s[0], s[1], null, 0.3, 1.0, new double[40], new double[40]);
        assertEquals(-8 * 1.4 * 0.3, dh, 1e-12);
    }

    // ---- against the full overlap ODE -------------------------------------------------------------------

    /** m_i = 0.1 Φ⁻¹((i + ½)/p), q⊥_i = 1 − m_i² (Q_ii = 1, Q⊥ off-diagonal 0). */
    public static double[][] onManifoldStart(int p) {
        double[] m = new double[p];
        double[] q = new double[p];
        for (int i = 0; i < p; i++) {
            m[i] = 0.1 * Math.sqrt(2) * org.hipparchus.special.Erf.erfInv(2 * (i + 0.5) / p - 1);
            q[i] = 1 - m[i] * m[i];
        }
        return new double[][] {m, q};
    }

    /** The full p×p overlap ODE (PhaseRetrievalDrift, ρ = 1, Δ = 0): state [Q (p²) | M (p)]. */
    static OrdinaryDifferentialEquation fullOde(int p, double g) {
        PhaseRetrievalDrift dense = new PhaseRetrievalDrift(PhaseRetrievalModel.plain(p, g, 0.0));
        PhaseRetrievalDrift.Workspace ws = dense.newWorkspace();
        double[] dQ = new double[p * p];
        double[] dM = new double[p];
        double[] qBuf = new double[p * p];
        double[] mBuf = new double[p];
        return new OrdinaryDifferentialEquation() {
            public int getDimension() {
                return p * p + p;
            }

            public double[] computeDerivatives(double t, double[] y) {
                System.arraycopy(y, 0, qBuf, 0, p * p);
                System.arraycopy(y, p * p, mBuf, 0, p);
                dense.evaluate(qBuf, mBuf, ws, dQ, dM);
                double[] out = new double[p * p + p];
                System.arraycopy(dQ, 0, out, 0, p * p);
                System.arraycopy(dM, 0, out, p * p, p);
                return out;
            }
        };
    }

    /** The on-manifold start as a full state [Q | M]. */
    static double[] fullStart(int p) {
        double[][] start = onManifoldStart(p);
        double[] y = new double[p * p + p];
        System.arraycopy(ansatz(start[0], start[1], 0.0, 1.0), 0, y, 0, p * p);
        System.arraycopy(start[0], 0, y, p * p, p);
        return y;
    }

    /** The full ODE from the on-manifold start: ε at t = 0.1·(1..16). */
    public static double[] fullOdeExcessRisk(int p, double g) {
        OrdinaryDifferentialEquation full = fullOde(p, g);
        double[] y = fullStart(p);
        DormandPrince853Integrator fi = new DormandPrince853Integrator(1e-8, 1.0, 1e-12, 1e-11);
        double[] eps = new double[16];
        double t = 0;
        for (int step = 1; step <= 16; step++) {
            y = fi.integrate(full, new ODEState(t, y), 0.1 * step).getPrimaryState();
            t = 0.1 * step;
            eps[step - 1] = PhaseRetrievalDrift.excessRisk(Arrays.copyOfRange(y, 0, p * p),
                    Arrays.copyOfRange(y, p * p, p * p + p), p, 1.0);
        }
        return eps;
    }

    /**
     * Largest |Δm_i| and |Δε| over t = 0.1, 0.2, …, 1.6 against the full ODE (one full solve): {corrected m,
     * corrected ε, plain m, plain ε}.
     */
    static double[] errorAgainstFullOde(int p, double g) {
        double[][] start = onManifoldStart(p);
        OrdinaryDifferentialEquation full = fullOde(p, g);
        PhaseRetrievalLowRankDrift low = new PhaseRetrievalLowRankDrift(1.0,
                ParticleDriftSettings.ofWidth(p).withNoiseCoefficient(g));
        double[] yFull = fullStart(p);
        double[][] yLow = new double[2][2 * p + 1];
        OrdinaryDifferentialEquation[] closures = new OrdinaryDifferentialEquation[2];
        for (int v = 0; v < 2; v++) {
            boolean corrected = v == 0;
            System.arraycopy(start[0], 0, yLow[v], 0, p);
            System.arraycopy(start[1], 0, yLow[v], p, p);
            closures[v] = new OrdinaryDifferentialEquation() {
                public int getDimension() {
                    return 2 * p + 1;
                }

                public double[] computeDerivatives(double t, double[] y) {
                    double[] out = new double[2 * p + 1];
                    double[] dm = new double[p];
                    double[] dq = new double[p];
                    double dh = low.evaluate(p, Arrays.copyOfRange(y, 0, p), Arrays.copyOfRange(y, p, 2 * p), null,
                            corrected ? y[2 * p] : 0.0, 1.0, dm, dq);
                    System.arraycopy(dm, 0, out, 0, p);
                    System.arraycopy(dq, 0, out, p, p);
                    out[2 * p] = corrected ? dh : 0.0;
                    return out;
                }
            };
        }
        DormandPrince853Integrator fi = new DormandPrince853Integrator(1e-8, 1.0, 1e-12, 1e-11);
        DormandPrince853Integrator li = new DormandPrince853Integrator(1e-8, 1.0, 1e-13, 1e-12);
        double[] err = new double[4];
        double t = 0;
        for (int step = 1; step <= 16; step++) {
            double next = 0.1 * step;
            yFull = fi.integrate(full, new ODEState(t, yFull), next).getPrimaryState();
            double epsFull = PhaseRetrievalDrift.excessRisk(Arrays.copyOfRange(yFull, 0, p * p),
                    Arrays.copyOfRange(yFull, p * p, p * p + p), p, 1.0);
            for (int v = 0; v < 2; v++) {
                yLow[v] = li.integrate(closures[v], new ODEState(t, yLow[v]), next).getPrimaryState();
                for (int i = 0; i < p; i++) {
                    err[2 * v] = Math.max(err[2 * v], Math.abs(yFull[p * p + i] - yLow[v][i]));
                }
                double epsLow = low.excessRisk(p, Arrays.copyOfRange(yLow[v], 0, p),
                        Arrays.copyOfRange(yLow[v], p, 2 * p), null, v == 0 ? yLow[v][2 * p] : 0.0);
                err[2 * v + 1] = Math.max(err[2 * v + 1], Math.abs(epsFull - epsLow));
            }
            t = next;
        }
        return err;
    }

    @Test
    void correctedClosureFollowsTheFullOdeAtFixedG() throws IOException {
        double[] gs = {0.1, 0.2};
        int[] ps = {16, 64, 256};
        double[][][] errors = new double[gs.length][ps.length][];
        for (int gi = 0; gi < gs.length; gi++) {
            double g = gs[gi];
            double previous = Double.POSITIVE_INFINITY;
            for (int pi = 0; pi < ps.length; pi++) {
                int p = ps[pi];
                double[] e = errorAgainstFullOde(p, g);
                errors[gi][pi] = e;
                double[] low = {e[0], e[1]};
                double[] plain = {e[2], e[3]};
                System.out.printf("g=%.2f p=%d corrected m %.3g eps %.3g | plain m %.3g eps %.3g%n", g, p, low[0],
                        low[1], plain[0], plain[1]);
                double err = low[1];
                assertTrue(err <= 1e-5, "corrected risk error " + err + " at p=" + p + ", g=" + g);
                assertTrue(err < previous, "corrected error not falling with p: " + err + " after " + previous);
                previous = err;
                assertTrue(plain[1] >= 0.05, "plain risk error " + plain[1] + " at p=" + p);
                // single units: the rank-1 ansatz leaves an O(1/p) per-unit residual, far below the plain one
                assertTrue(low[0] < 0.05 * plain[0], "unit overlaps: corrected " + low[0] + ", plain " + plain[0]);
            }
        }
        String generated = errorTables(gs, ps, errors, errorAgainstFullOde(16, 0.0));
        assertEquals(generated.strip(), ReadmeQuotes.block("closure-errors"), "README block closure-errors differs from "
                + "today's errors; paste the table this test prints (mvn -q -o test -pl meanfield -am "
                + "-Dtest=PhaseRetrievalLowRankDriftTest):\n" + generated);
    }

    /**
     * The README's tables of the corrected and plain closures against the full ODE: max |Δε| and max_i |Δm_i|
     * per g and p (errors[g][p] = {corrected m, corrected ε, plain m, plain ε}), then the g = 0 sentence.
     */
    static String errorTables(double[] gs, int[] ps, double[][][] errors, double[] zeroG) {
        StringBuilder b = new StringBuilder();
        String[] titles = {"max_i \\|Δm_i\\|", "max \\|Δε\\|"}; // \| : a pipe inside a Markdown table
        for (int what : new int[] {1, 0}) {
            b.append("| ").append(titles[what]).append(", g |");
            for (int p : ps) {
                b.append(" p = ").append(p).append(" |");
            }
            b.append("\n|---|").append("---|".repeat(ps.length)).append('\n');
            for (int gi = 0; gi < gs.length; gi++) {
                for (int plain = 0; plain < 2; plain++) {
                    b.append("| ").append(gs[gi]).append(plain == 0 ? ", corrected |" : ", plain |");
                    for (int pi = 0; pi < ps.length; pi++) {
                        b.append(' ').append(ReadmeQuotes.sci(errors[gi][pi][2 * plain + what])).append(" |");
                    }
                    b.append('\n');
                }
            }
            b.append('\n');
        }
        b.append("(g = 0, p = 16, max |Δε|: ").append(ReadmeQuotes.sci(zeroG[1])).append(" corrected against ")
                .append(ReadmeQuotes.sci(zeroG[3])).append(" plain, the plain closure's 1/p error.)");
        return b.toString();
    }

    @Test
    void correctionRemovesThePlainOneOverPErrorAtZeroG() {
        double[] e = errorAgainstFullOde(16, 0.0);
        double[] low = {e[0], e[1]};
        double[] plain = {e[2], e[3]};
        System.out.printf("g=0 p=16 corrected m %.3g eps %.3g | plain m %.3g eps %.3g%n", low[0], low[1], plain[0],
                plain[1]);
        assertTrue(low[1] < 1e-4 * plain[1], "risk: corrected " + low[1] + ", plain " + plain[1]);
        assertTrue(low[0] < 0.05 * plain[0], "unit overlaps: corrected " + low[0] + ", plain " + plain[0]);
    }
}
