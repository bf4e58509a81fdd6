package org.sgdlimits.narrow.phaseretrieval;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sgdlimits.fixtures.EngineContractTest;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.Engine;
import org.sgdlimits.trajectory.TimeGrid;

/** The engine contract for the phase-retrieval ODE: p = 4 at g = 0.05 from a typical start; g = 1 diverges. */
class PhaseRetrievalOdeContractTest extends EngineContractTest {
    private static final int P = 4;
    private static final Overlaps START = PhaseRetrievalInitialCondition.typical(P, 1000, 1.0);

    @Override
    protected Engine<?> stableEngine() {
        return new PhaseRetrievalOde(PhaseRetrievalModel.plain(P, 0.05, 0.0)).engine(START, TimeGrid.linear(20, 11),
                null);
    }

    @Override
    protected Engine<?> divergingEngine() {
        return new PhaseRetrievalOde(PhaseRetrievalModel.plain(P, 1.0, 0.0)).engine(START, TimeGrid.linear(20, 11),
                null);
    }

    @Override
    protected Map<String, Double> initialObservables() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < P; i++) {
            out.put("M_" + i + "_0", START.studentTeacherOverlap(i, 0));
            for (int j = 0; j < P; j++) {
                out.put("Q_" + i + "_" + j, START.studentOverlap(i, j));
            }
        }
        return out;
    }
}
