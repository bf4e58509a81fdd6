package org.sgdlimits.meanfield.pde;

import java.util.function.IntToDoubleFunction;

/**
 * The moment-conserving deposit of a point (m, q⊥) onto the cells of a {@link StretchedGrid}: the weights
 * with which a unit, or a law, is shared among cells whose CENTRES carry it (the density PDE treats every
 * cell as a weighted particle at its centre, see {@link DensityGrid}).
 *
 * <h2>What a deposit can conserve</h2>
 * A point is shared between the two neighbouring centres of each direction with non-negative weights
 * (cloud-in-cell, tensor product of the two directions, so four cells). Two non-negative weights on two
 * nodes fix the mass and ONE more moment per direction; both the first and the second moment of m cannot be
 * matched by any non-negative weights on any set of centres unless the point is a centre (Σ w (c − m)² = 0).
 * The deposit therefore matches, for every point inside the centres' range:
 * <ul>
 *   <li>in q⊥ (uniform cells): mass and q⊥ (weights linear in q⊥, the classical cloud-in-cell);</li>
 *   <li>in m (stretched, non-uniform cells): mass and m² (weights linear in m² between the two neighbouring
 *       centres c_i ≤ m ≤ c_(i+1)), the quantity the trajectory reports (mean_m2) and on which the
 *       Gaussian covariance of a unit, Q_ii = m²/P + q⊥, depends.</li>
 * </ul>
 * Because the weights of the two directions are independent (each sums to 1), mass, mean m² and mean q⊥ of
 * the deposited ensemble are those of the points, to round-off, under these conditions:
 * <ul>
 *   <li>exact: points with m between two centres of the same sign (every centre-to-centre interval except
 *       the central one) and q⊥ in [q_0, q_(n−1)] = [Δq/2, qMax − Δq/2];</li>
 *   <li>the central gap −c &lt; m &lt; c between the two innermost centres ±c (c = s·sinh(Δξ/2) for an even
 *       number of columns): every mix of centres has m² ≥ c², so no non-negative deposit can be exact there.
 *       Such points are shared linearly in m (mean m exact); mean m² is too high by c² − m² ≤ c² per unit
 *       (c² ≈ (sΔξ/2)², 5e-8 on the default grid at d = 1000);</li>
 *   <li>points beyond the outermost centres (within half a cell of a wall, or outside the domain) go to the
 *       boundary cell whole: exact mass, moments off by at most half a cell.</li>
 * </ul>
 * The same weights integrated against a law give {@link DensityGrid#randomInitialisation}, so the grid is
 * the deposit of infinitely many particles of the law.
 *
 * <p>Stateless; all methods are pure functions of the grid and the point.
 */
final class MomentDeposit {
    private MomentDeposit() {
    }

    /**
     * The column pair that shares m: the largest i with centre c_i ≤ m, in [−1, nξ − 1] (−1: m lies below
     * the first centre; nξ − 1: at or beyond the last).
     */
    static int columnBelow(StretchedGrid g, double m) {
        int n = g.xiCells();
        // ξ is uniform: centre i sits at −ξmax + (i + ½)Δξ
        double u = (StretchedGrid.asinh(m / g.stretch()) + g.xiMax()) / g.xiSpacing() - 0.5;
        return settle(u, n, m, g::mCentre);
    }

    /**
     * The largest index i in [−1, n − 1] with centre(i) ≤ x, from the fractional position u of x in units of the
     * cell spacing (centre i at u = i): floor(u) clamped, then moved by whole cells to settle rounding at a centre
     * so that centre(i) ≤ x &lt; centre(i + 1).
     */
    private static int settle(double u, int n, double x, IntToDoubleFunction centre) {
        int i = u >= n ? n - 1 : u < -1 ? -1 : (int) Math.floor(u);
        while (i >= 0 && centre.applyAsDouble(i) > x) {
            i--;
        }
        while (i + 1 < n && centre.applyAsDouble(i + 1) <= x) {
            i++;
        }
        return i;
    }

    /**
     * The share of column i + 1 for a point c_i ≤ m ≤ c_(i+1) ({@code i} from {@link #columnBelow}, 0 ≤ i &lt;
     * nξ − 1): linear in m² when the two centres have the same sign (mass and m² conserved), linear in m
     * across m = 0 (mass and m conserved, see the class comment).
     */
    static double upperColumnShare(StretchedGrid g, int i, double m) {
        double lo = g.mCentre(i);
        double hi = g.mCentre(i + 1);
        double share = sameSign(lo, hi) ? (m * m - lo * lo) / (hi * hi - lo * lo) : (m - lo) / (hi - lo);
        return clampUnit(share);
    }

    /** Whether the interval between the centres c_i and c_(i+1) is shared in m² (true) or in m (the gap). */
    static boolean sharedInSquare(StretchedGrid g, int i) {
        return sameSign(g.mCentre(i), g.mCentre(i + 1));
    }

    /** The row pair that shares q⊥: the largest j with centre q_j ≤ q⊥, in [−1, nq − 1]. */
    static int rowBelow(StretchedGrid g, double q) {
        int n = g.qCells();
        double u = q / g.qSpacing() - 0.5;
        return settle(u, n, q, g::qCentre);
    }

    /** The share of row j + 1 for q_j ≤ q⊥ ≤ q_(j+1) (0 ≤ j &lt; nq − 1): linear in q⊥. */
    static double upperRowShare(StretchedGrid g, int j, double q) {
        return clampUnit((q - g.qCentre(j)) / (g.qCentre(j + 1) - g.qCentre(j)));
    }

    private static boolean sameSign(double lo, double hi) {
        return lo >= 0 || hi <= 0;
    }

    private static double clampUnit(double x) {
        return Math.max(0.0, Math.min(1.0, x));
    }
}
