package org.sgdlimits.study.regimes;

import org.sgdlimits.narrow.simulation.SimulationProgress;

/**
 * Progress of the regime study: SGD steps done (from the simulation worker threads, so implementations must
 * be thread-safe and cheap) and the name of the stage running. The library never writes to the terminal; the
 * command line draws the bar.
 */
public interface StudyProgress extends SimulationProgress {
    /** Ignores all progress. */
    StudyProgress NONE = new StudyProgress() {
        @Override
        public void advanced(long steps) {
        }

        @Override
        public void stage(String description) {
        }
    };

    /** A new stage begins (e.g. "high-dimensional: SGD at d = 800"). */
    void stage(String description);
}
