package org.sgdlimits.meanfield.dmft;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.sgdlimits.fixtures.EngineContractTest;
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
}
