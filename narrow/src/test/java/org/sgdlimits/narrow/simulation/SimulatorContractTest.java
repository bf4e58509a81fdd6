package org.sgdlimits.narrow.simulation;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.fixtures.EngineContractTest;
import org.sgdlimits.fixtures.ErfCommitteeCases;
import org.sgdlimits.fixtures.InitialObservables;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.Engine;
import org.sgdlimits.trajectory.TimeGrid;

/**
 * The engine contract for both finite-d simulators (explicit network and Gram chain), three seeds of an erf
 * committee p = 3, k = 2 at d = 60 on one thread and on three; a linear committee at γ = 50 diverges.
 */
class SimulatorContractTest {
    private static final Overlaps START = ErfCommitteeCases.smallInitialOverlaps(3, 2, 11);
    private static final int DIMENSION = 60;
    private static final TimeGrid GRID = TimeGrid.linear(4, 5);

    abstract static class Contract extends EngineContractTest {
        abstract EngineKind kind();

        private Engine<?> engine(Activation activation, double gamma, int threads) {
            SgdSettings settings = SgdSettings.of(activation, activation, gamma);
            return new MultiSeedSimulation(kind().create(settings), 3, 5, threads).engine(START, DIMENSION, GRID);
        }

        @Override
        protected Engine<?> stableEngine() {
            return engine(ErfCommitteeCases.ERF, 0.5, 1);
        }

        @Override
        protected Engine<?> stableEngineOnOtherThreads() {
            return engine(ErfCommitteeCases.ERF, 0.5, 3);
        }

        @Override
        protected Engine<?> divergingEngine() {
            return engine(Activation.named("linear"), 50, 2);
        }

        @Override
        protected Map<String, Double> initialObservables() {
            return InitialObservables.of(START, ErfCommitteeCases.ERF);
        }

        @Override
        protected double initialTolerance() {
            return 1e-10; // the weights are built from the overlaps by Gram–Schmidt
        }
    }

    @Nested
    class Explicit extends Contract {
        @Override
        EngineKind kind() {
            return EngineKind.EXPLICIT;
        }
    }

    @Nested
    class Gram extends Contract {
        @Override
        EngineKind kind() {
            return EngineKind.GRAM;
        }
    }
}
