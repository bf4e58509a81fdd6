package org.sgdlimits.cli;

import java.util.Locale;
import org.sgdlimits.experiment.ExperimentException;

/** The engines of {@code sgdlimits meanfield} (docs/theory.md §5). */
enum MeanfieldEngine {
    /** The particle system of {@code meanfield.ParticleSystem}: O(p) per evaluation. */
    PARTICLES("particles"),
    /** The density PDE of {@code meanfield.pde.ContinuityPde} (k = 1, fixed second layer). */
    PDE("pde"),
    /** The full p×p overlap ODE ({@code narrow.OverlapOde}) from the reconstructed Q: the reference, small p. */
    FULL("full");

    /** Widest student the full engine accepts (its state has p² entries, its cost grows faster). */
    static final int MAX_FULL_WIDTH = 400;

    private final String id;

    MeanfieldEngine(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    /** @throws ExperimentException naming {@code field} for an unknown name */
    static MeanfieldEngine parse(String s, String field) {
        String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        for (MeanfieldEngine e : values()) {
            if (e.id.equals(v)) {
                return e;
            }
        }
        throw new ExperimentException(field, "unknown engine '" + s + "'; allowed: particles, pde, full");
    }

    @Override
    public String toString() {
        return id;
    }
}
