package org.sgdlimits.study.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgdlimits.experiment.ExperimentException;

/**
 * The commands a sweep can run, by name. Adding a command to sweeps is adding one {@link CellCommand} to the
 * table that the CLI builds. Immutable.
 */
public final class CellCommandTable {
    private final Map<String, CellCommand> commands;

    private CellCommandTable(Map<String, CellCommand> commands) {
        this.commands = commands;
    }

    /** A table of these commands (names must differ). */
    public static CellCommandTable of(CellCommand... commands) {
        Map<String, CellCommand> m = new LinkedHashMap<>();
        for (CellCommand c : commands) {
            if (m.put(c.id(), c) != null) {
                throw new IllegalStateException("two sweep commands named " + c.id());
            }
        }
        return new CellCommandTable(java.util.Collections.unmodifiableMap(m));
    }

    /**
     * @throws ExperimentException (field "command") for an unknown name, listing the known ones
     */
    public CellCommand get(String id) {
        CellCommand c = commands.get(id);
        if (c == null) {
            throw new ExperimentException("command", "unknown command '" + id + "'; allowed: "
                    + String.join(", ", commands.keySet()));
        }
        return c;
    }

    /** Command names in table order. */
    public List<String> names() {
        return List.copyOf(commands.keySet());
    }
}
