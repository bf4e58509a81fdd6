package org.sgdlimits.meanfield.factory;

import java.util.Locale;
import org.sgdlimits.experiment.ExperimentException;

/**
 * The particle closures of the mean-field engines (experiment-file field {@code meanfield.closure};
 * docs/closure.md).
 */
public enum MeanfieldClosure {
    /** Q = M P⁻¹ Mᵀ + diag(q⊥): exact as g = γ/p → 0. */
    PLAIN("plain"),
    /** Plus offdiag(Φ H Φᵀ) over a basis Φ of per-particle functions: exact at fixed g as p grows. */
    LOW_RANK("low-rank");

    /** Largest rank of the low-rank correction. */
    public static final int MAX_RANK = 4;

    private final String id;

    MeanfieldClosure(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** @throws ExperimentException naming {@code field} for an unknown name */
    public static MeanfieldClosure parse(String s, String field) {
        String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        for (MeanfieldClosure c : values()) {
            if (c.id.equals(v)) {
                return c;
            }
        }
        throw new ExperimentException(field, "unknown closure '" + s + "'; allowed: plain, low-rank");
    }

    /**
     * The bases of the low-rank correction: each a list of per-particle functions (its columns). Phase retrieval
     * has the one basis {@code m} (Φ_i = m_i: Q⊥_ij = h m_i m_j for i ≠ j).
     */
    public enum Basis {
        /** Φ_i = m_i (phase retrieval), one column. */
        M("m", 1),
        /**
         * Φ_i = [a_i, a_i q⊥_i, a_i m_i] (erf and other activations, k = 1): rank r keeps the first r columns
         * (docs/closure.md §5).
         */
        A_AQ_AM("a-aq-am", 3);

        private final String id;
        private final int columns;

        Basis(String id, int columns) {
            this.id = id;
            this.columns = columns;
        }

        public String id() {
            return id;
        }

        /** Number of columns (the largest rank it supports). */
        public int columns() {
            return columns;
        }

        /** @throws ExperimentException naming {@code field} for an unknown name */
        public static Basis parse(String s, String field) {
            String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
            for (Basis b : values()) {
                if (b.id.equals(v)) {
                    return b;
                }
            }
            throw new ExperimentException(field, "unknown basis '" + s + "'; allowed: m (phase retrieval, "
                    + "Q_perp_ij = h m_i m_j), a-aq-am (other activations, rank 1-3)");
        }
    }

    @Override
    public String toString() {
        return id;
    }

    /**
     * How the O(p) correction of activations other than square integrates the latent Gaussians
     * ({@code meanfield.latent}; docs/closure.md §5).
     */
    public enum Latent {
        /** The heat-kernel series in H to order {@code meanfield.order} (any sign of H; default). */
        SERIES("series"),
        /** Gauss–Hermite rules on the latent axes (indefinite H by extrapolation, third order). */
        QUADRATURE("quadrature");

        /** Largest order of the series. */
        public static final int MAX_ORDER = 4;

        private final String id;

        Latent(String id) {
            this.id = id;
        }

        /** The experiment-file name. */
        public String id() {
            return id;
        }

        /** @throws ExperimentException naming {@code field} for an unknown name */
        public static Latent parse(String s, String field) {
            String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
            for (Latent l : values()) {
                if (l.id.equals(v)) {
                    return l;
                }
            }
            throw new ExperimentException(field, "unknown latent route '" + s + "'; allowed: series, quadrature");
        }
    }
}
