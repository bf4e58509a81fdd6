package org.sgdlimits.meanfield.dmft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlimits.narrow.linear.LinearRegressionOde;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Small b with η = γ b and large α approaches the one-pass online ODE (docs/theory.md §3, linear case) and departs
 * from it as samples are reused (docs/dmft.md, "The online limit"). Time mapping: after k steps the online ODE time
 * is t_ode = k η α (= α times the DMFT time t = kη), and the data set has been passed over k b = t_ode/(αγ) times.
 */
class OnlineLimitTest {
    private static final double GAMMA = 1.0;
    private static final double SIGMA = 0.5;
    private static final double QV = 0.5;
    /** The compared window of online ODE time, t_ode ∈ [0, 1]. */
    private static final double WINDOW = 1.0;
    private static final LinearRegressionOde ODE = new LinearRegressionOde(GAMMA, SIGMA * SIGMA, 0.0, 1.0);

    /**
     * Largest |m − m_ode| and |q − q_ode| over the steps of Bernoulli SGD at sample ratio α with K steps covering
     * the window: η α = WINDOW / K, b = η/γ (so that η = γ b).
     *
     * @return {gap, the standard error of the DMFT value where the gap is largest}
     */
    private static double[] gap(double alpha, int steps) {
        double odeStep = WINDOW / steps;
        double eta = odeStep / alpha;
        DmftModel model = new DmftModel(alpha, 1.0, new TeacherMap.Linear(SIGMA), StandardLoss.SQUARE, 0.0,
                DmftModel.constantSteps(eta, steps), SelectionProcess.bernoulli(eta / GAMMA), Momentum.NONE, 0.0, QV);
        Trajectory dmft = DmftEngine.monteCarlo(model, new DmftEngine.MonteCarloSettings(8000, 4, 17L, false, true));
        assertTrue(dmft.size() == steps + 1, "the sweep completed");
        double worst = 0;
        double se = 0;
        for (int k = 0; k < dmft.size(); k++) {
            LinearRegressionOde.State online = ODE.solution(k * odeStep, 0.0, QV);
            for (String c : new String[] {"m", "q"}) {
                double g = Math.abs(dmft.value(k, c) - (c.equals("m") ? online.m() : online.q()));
                if (g > worst) {
                    worst = g;
                    se = dmft.value(k, c + "_sem");
                }
            }
        }
        return new double[] {worst, se};
    }

    @Test
    void smallBatchesOnManySamplesApproachTheOnlineOdeAndReuseDepartsFromIt() {
        // α = 2, 8, 32 with K = 2α steps: passes 1/(αγ) = 0.5, 0.125, 0.031 and ODE step ηα = 1/K, both ∝ 1/α
        double[] a2 = gap(2, 4);
        double[] a8 = gap(8, 16);
        double[] a32 = gap(32, 64);
        String all = String.format("gaps %.4g (SE %.2g), %.4g (SE %.2g), %.4g (SE %.2g) at alpha = 2, 8, 32",
                a2[0], a2[1], a8[0], a8[1], a32[0], a32[1]);
        assertTrue(a2[0] > a8[0] && a8[0] > a32[0], "the gap shrinks as alpha grows and b falls: " + all);
        // expected ≈ 1/α: ratio 16 from α = 2 to 32; at least 5 allows the Monte Carlo noise of the small gap
        assertTrue(a2[0] > 5 * a32[0], all);
        assertTrue(a32[0] < 0.02, all);
        // reuse: α = 0.5, the window is 2 passes over the data; the step ηα = 1/32 is as fine as at α = 16
        double[] reuse = gap(0.5, 32);
        assertTrue(reuse[0] > 0.15 && reuse[0] > 10 * a32[0], "reused samples depart from the online ODE: "
                + String.format("gap %.4g (SE %.2g) at alpha = 0.5; ", reuse[0], reuse[1]) + all);
    }
}
