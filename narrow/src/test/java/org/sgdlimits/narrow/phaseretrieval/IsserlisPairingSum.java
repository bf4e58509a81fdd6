package org.sgdlimits.narrow.phaseretrieval;

/**
 * Brute-force Isserlis/Wick evaluator for tests: E[X_{i1} X_{i2} … X_{in}] for a zero-mean Gaussian vector X
 * with covariance C, as the sum over all perfect pairings of the product of covariances. Exponential cost;
 * only for checking closed forms on small problems.
 */
final class IsserlisPairingSum {
    private final double[] cov;
    private final int n;

    IsserlisPairingSum(double[] cov, int n) {
        this.cov = cov.clone();
        this.n = n;
    }

    /** E[Π_k X_{indices[k]}]. */
    double moment(int... indices) {
        if (indices.length % 2 == 1) {
            return 0.0;
        }
        return pairings(indices.clone(), indices.length);
    }

    /** Number of pairings visited for a product of {@code length} factors ((length − 1)!!), for a sanity check. */
    static long pairingCount(int length) {
        long c = 1;
        for (int k = length - 1; k > 1; k -= 2) {
            c *= k;
        }
        return c;
    }

    // sum over pairings of the first `len` entries of idx: pair idx[0] with each other entry, recurse on the rest
    private double pairings(int[] idx, int len) {
        if (len == 0) {
            return 1.0;
        }
        int first = idx[0];
        double total = 0.0;
        for (int k = 1; k < len; k++) {
            double c = cov[first * n + idx[k]];
            if (c == 0.0) {
                continue;
            }
            int[] rest = new int[len - 2];
            int r = 0;
            for (int l = 1; l < len; l++) {
                if (l != k) {
                    rest[r++] = idx[l];
                }
            }
            total += c * pairings(rest, len - 2);
        }
        return total;
    }
}
