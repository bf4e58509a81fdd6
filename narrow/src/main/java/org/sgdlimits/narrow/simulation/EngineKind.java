package org.sgdlimits.narrow.simulation;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

import java.util.Locale;

/** The simulation engines selectable on the command line ({@code --engine explicit|gram}). */
public enum EngineKind {
    /** The real d-dimensional network ({@link SgdSimulator}). */
    EXPLICIT,
    /** The exact Gram chain of Ω ({@link GramChainSimulator}). */
    GRAM;

    /** A configured engine of this kind. */
    public SimulationEngine create(SgdSettings settings) {
        return this == EXPLICIT ? new SgdSimulator(settings) : new GramChainSimulator(settings);
    }

    /** The lower-case name. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "explicit" or "gram". */
    public static EngineKind parse(String s) {
        for (EngineKind k : values()) {
            if (k.id().equalsIgnoreCase(s == null ? "" : s.trim())) {
                return k;
            }
        }
        throw new InvalidFieldException(FieldPath.parse("engine"), "unknown value '" + s + "'; allowed: explicit, gram");
    }

    @Override
    public String toString() {
        return id();
    }
}
