package org.sgdlimits.ode;

import java.util.ArrayList;
import java.util.List;
import org.sgdlimits.trajectory.RunStatus;

/** Per-run bookkeeping shared by the recorder, the guarded equations and the event handlers. Not thread-safe. */
final class RunMonitor {
    /** Non-finite right-hand sides tolerated since the last accepted step before the run is declared diverged. */
    static final int NON_FINITE_EVALUATION_LIMIT = 240;

    final List<EventOccurrence> events = new ArrayList<>();
    RunStatus terminal;
    long evaluations;
    long acceptedSteps;
    double lastAcceptedTime;
    double[] lastAcceptedState;
    int nonFiniteSinceAccept;
    String lastNonFiniteCause = "";

    void accept(double t, double[] state) {
        acceptedSteps++;
        lastAcceptedTime = t;
        lastAcceptedState = state;
        nonFiniteSinceAccept = 0;
    }

    /** Ends the run (first terminal status wins). */
    void terminate(RunStatus status) {
        if (terminal == null) {
            terminal = status;
        }
    }

    /** Thrown to abort the Hipparchus integration once {@link #terminal} is set outside an event handler. */
    static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abort() {
            super(null, null, false, false);
        }
    }
}
