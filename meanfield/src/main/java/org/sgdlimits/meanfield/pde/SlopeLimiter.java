package org.sgdlimits.meanfield.pde;

/**
 * Limited slopes for the MUSCL reconstruction of a split flux f at a face, from the one-sided differences on
 * the upwind side ({@code up}) and the downwind side ({@code down}) of the cell. All limiters return 0 at an
 * extremum (differences of opposite sign) and satisfy |slope| ≤ 2 min(|up|, |down|), so the face value
 * f_c + ½·slope stays in [0, 2 f_c] for a non-negative f: this is what the positivity bound of
 * {@link ContinuityPde} uses.
 */
public enum SlopeLimiter {
    /** van Leer: harmonic mean 2·up·down/(up + down) (docs/theory.md §5); symmetric, second order. */
    VAN_LEER {
        @Override
        public double slope(double up, double down) {
            // 2ab/(a+b) written as 2a·(b/(a+b)): the product a·b of two small differences would underflow
            if ((up > 0 && down > 0) || (up < 0 && down < 0)) {
                return 2 * up * (down / (up + down));
            }
            return 0.0;
        }
    },
    /**
     * Koren: the κ = 1/3 upwind-biased slope (up + 2·down)/3, limited by 2·up and 2·down; third-order
     * spatial accuracy where the solution is smooth and monotone.
     */
    KOREN {
        @Override
        public double slope(double up, double down) {
            if (up > 0 && down > 0) {
                return Math.min(Math.min(2 * up, 2 * down), (up + 2 * down) / 3);
            }
            if (up < 0 && down < 0) {
                return Math.max(Math.max(2 * up, 2 * down), (up + 2 * down) / 3);
            }
            return 0.0;
        }
    },
    /** No reconstruction: first-order upwind (slope 0). */
    NONE {
        @Override
        public double slope(double up, double down) {
            return 0.0;
        }
    };

    /** The limited slope (difference per cell) from the upwind and downwind one-sided differences. */
    public abstract double slope(double up, double down);

    /** The name used in experiment files: {@code koren}, {@code van-leer}, {@code none}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The limiter named {@code id} (as {@link #id()}, case-insensitive), or null if there is none. */
    public static SlopeLimiter byId(String id) {
        for (SlopeLimiter l : values()) {
            if (l.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return l;
            }
        }
        return null;
    }

    /** The allowed names, for error messages: "koren, van-leer, none". */
    public static String allowedIds() {
        StringBuilder s = new StringBuilder();
        for (SlopeLimiter l : values()) {
            s.append(s.length() == 0 ? "" : ", ").append(l.id());
        }
        return s.toString();
    }
}
