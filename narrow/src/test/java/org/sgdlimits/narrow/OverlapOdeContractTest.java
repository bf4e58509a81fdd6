package org.sgdlimits.narrow;

import java.util.List;
import java.util.Map;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.fixtures.EngineContractTest;
import org.sgdlimits.fixtures.ErfCommitteeCases;
import org.sgdlimits.fixtures.InitialObservables;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.Engine;
import org.sgdlimits.trajectory.TimeGrid;

/** The engine contract for the overlap ODE: an erf committee p = 3, k = 2; a linear one at γ = 10 diverges. */
class OverlapOdeContractTest extends EngineContractTest {
    private static final Overlaps START = ErfCommitteeCases.smallInitialOverlaps(3, 2, 11);

    @Override
    protected Engine<?> stableEngine() {
        return OverlapOde.builder(ErfCommitteeCases.ERF, ErfCommitteeCases.ERF).learningRate(0.5).build()
                .engine(START, TimeGrid.linear(20, 11), List.of());
    }

    @Override
    protected Engine<?> divergingEngine() {
        Activation linear = Activation.named("linear");
        return OverlapOde.builder(linear, linear).learningRate(10).build()
                .engine(START, TimeGrid.linear(20, 11), List.of());
    }

    @Override
    protected Map<String, Double> initialObservables() {
        return InitialObservables.of(START, ErfCommitteeCases.ERF);
    }
}
