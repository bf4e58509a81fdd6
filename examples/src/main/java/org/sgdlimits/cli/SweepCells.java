package org.sgdlimits.cli;

import org.sgdlimits.study.sweep.CellCommandTable;

/**
 * The commands that sweeps can run, by name (the sweep file's "command"). Adding a command to sweeps is
 * writing its {@link org.sgdlimits.study.sweep.CellCommand} and adding one entry here.
 */
final class SweepCells {
    /** The table. */
    static final CellCommandTable COMMANDS = CellCommandTable.of(new OdeCell(), new SimulateCell(), new MeanfieldCell(),
            new EscapeCell(), new DmftCell());

    private SweepCells() {
    }
}
