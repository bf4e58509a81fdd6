package org.sgdlimits.meanfield.dmft;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.fixtures.EngineContractTest;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.Engine;

/**
 * The engine contract for the DMFT engines — the exact closure, the Monte Carlo sweep (one thread against
 * several) and the finite-d multi-pass simulator — on ridge GD at α = 2 (λ = 0.05, σ = 0.3, c₀ = 0.2,
 * q_v = 0.5, η = 0.2, T = 30); η = 5 is far beyond the stability limit 2/(1 + α^(-1/2))² + … and diverges.
 */
class DmftContractTest {
    private static final double C0 = 0.2;
    private static final double QV = 0.5;

    static DmftModel ridge(double eta, int steps) {
        return new DmftModel(2.0, 1.0, new TeacherMap.Linear(0.3), StandardLoss.SQUARE, 0.05,
                DmftModel.constantSteps(eta, steps), SelectionProcess.FULL_BATCH, Momentum.NONE, C0, QV);
    }

    abstract static class Contract extends EngineContractTest {
        @Override
        protected Map<String, Double> initialObservables() {
            return Map.of(GlmObservables.M, C0, GlmObservables.Q, C0 * C0 + QV);
        }
    }

    @Nested
    class Exact extends Contract {
        @Override
        protected Engine<?> stableEngine() {
            return DmftEngine.exactEngine(ridge(0.2, 30));
        }

        @Override
        protected Engine<?> divergingEngine() {
            return DmftEngine.exactEngine(ridge(5, 400));
        }
    }

    @Nested
    class MonteCarlo extends Contract {
        private Engine<?> engine(double eta, int steps, boolean parallel) {
            return DmftEngine.monteCarloEngine(ridge(eta, steps),
                    new DmftEngine.MonteCarloSettings(2000, 2, 17, false, parallel));
        }

        @Override
        protected Engine<?> stableEngine() {
            return engine(0.2, 30, false);
        }

        @Override
        protected Engine<?> stableEngineOnOtherThreads() {
            return engine(0.2, 30, true);
        }

        @Override
        protected Engine<?> divergingEngine() {
            return engine(5, 400, true);
        }

        @Override
        protected double initialTolerance() {
            return 1e-10;
        }
    }

    @Nested
    class Simulator extends Contract {
        @Override
        protected Engine<?> stableEngine() {
            return MultiPassSimulator.engine(ridge(0.2, 30), 200, 2, 17);
        }

        @Override
        protected Engine<?> divergingEngine() {
            return MultiPassSimulator.engine(ridge(5, 400), 200, 1, 17);
        }

        @Override
        protected Map<String, Double> initialObservables() {
            return super.initialObservables();
        }

        @Override
        protected double initialTolerance() {
            return 1e-10; // the normalised initialisation of docs/dmft.md fixes m(0) and q(0) exactly
        }
    }

    /** Two erf units learning two erf units from an asymmetric start (α = 2, Δ = 0.01, λ = 0.01, GD). */
    static CommitteeModel committee(double eta, int steps) {
        Overlaps initial = Overlaps.of(new double[] {0.5, 0.1, 0.1, 0.4}, new double[] {0.2, 0.05, 0.0, 0.15},
                new double[] {1, 0, 0, 1}, new double[] {1, 1}, new double[] {1, 1});
        return new CommitteeModel(2.0, initial, StandardActivation.ERF, StandardActivation.ERF, 0.01,
                StandardLoss.SQUARE, 0.01, DmftModel.constantSteps(eta, steps), SelectionProcess.FULL_BATCH);
    }

    /** The committee's overlaps at step 0: its initial M and Q. */
    abstract static class CommitteeContract extends EngineContractTest {
        @Override
        protected Map<String, Double> initialObservables() {
            Overlaps start = committee(1, 1).initial();
            Map<String, Double> out = new LinkedHashMap<>();
            for (int i = 0; i < 2; i++) {
                for (int r = 0; r < 2; r++) {
                    out.put("M_" + i + "_" + r, start.studentTeacherOverlap(i, r));
                    out.put("Q_" + i + "_" + r, start.studentOverlap(i, r));
                }
            }
            return out;
        }

        @Override
        protected double initialTolerance() {
            return 1e-10;
        }
    }

    /** The committee block sweep; η = 300 with λ = 0.01 makes 1 − ηλ = −2 and the weights grow without bound. */
    @Nested
    class CommitteeMonteCarlo extends CommitteeContract {
        private Engine<?> engine(double eta, int steps, boolean parallel) {
            return CommitteeEngine.engine(committee(eta, steps),
                    new DmftEngine.MonteCarloSettings(1000, 2, 17, false, parallel));
        }

        @Override
        protected Engine<?> stableEngine() {
            return engine(1, 6, false);
        }

        @Override
        protected Engine<?> stableEngineOnOtherThreads() {
            return engine(1, 6, true);
        }

        @Override
        protected Engine<?> divergingEngine() {
            return engine(300, 200, true);
        }
    }

    /** The committee's finite-d multi-pass simulator. */
    @Nested
    class CommitteeSimulation extends CommitteeContract {
        @Override
        protected Engine<?> stableEngine() {
            return CommitteeSimulator.engine(committee(1, 6), 120, 2, 17);
        }

        @Override
        protected Engine<?> divergingEngine() {
            return CommitteeSimulator.engine(committee(300, 200), 120, 1, 17);
        }
    }
}
