package org.sgdlimits.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The one-unit Wick algebra against closed forms for exponentials: f_a(z) = e^(az) with z ~ N(0, s) has the Wick
 * expansion e^(a²s/2) Σ_n aⁿ/n! :zⁿ: (so its linear jet, the derivatives, is L[n] = e^(a²s/2) aⁿ: the moment F⁽ⁿ⁾ at the
 * plain variance), and :e^(az): :e^(bz): = e^(ab s) :e^((a+b)z):. Hence the product of two linear jets has the
 * entries G[n, c] = e^((a²+b²)s/2) (ab)^c/c! (a+b)ⁿ/n! (c contractions), a third factor adds the contractions
 * with the first two, and E1 sums the degree-0 entries. Each lane carries its own exponents.
 */
class UnitWickAlgebraTest {

    private static final double S = 0.37;
    private static final double[][] EXPONENTS = {{0.3, -0.8, 1.1}, {1.4, 0.5, -0.2}, {-0.6, -1.3, 0.9}};

    private static double factorial(int n) {
        return UnitWickAlgebra.factorial(n);
    }

    /** The linear jet of e^(a z) per lane (a = EXPONENTS[lane][which]). */
    private static double[][] exponential(UnitWickAlgebra u, int which) {
        double[][] jet = u.newLinear();
        for (int n = 0; n <= u.order(); n++) {
            for (int v = 0; v < u.lanes(); v++) {
                double a = EXPONENTS[v][which];
                jet[n][v] = Math.exp(a * a * S / 2) * Math.pow(a, n);
            }
        }
        return jet;
    }

    @Test
    void productsAndPairingsOfExponentialsMatchTheirClosedForms() {
        for (int order = 1; order <= 4; order++) {
            UnitWickAlgebra u = new UnitWickAlgebra(order, EXPONENTS.length);
            double[][] fa = exponential(u, 0);
            double[][] fb = exponential(u, 1);
            double[][] fc = exponential(u, 2);
            double[][] ab = u.newGeneral();
            double[][] abc = u.newGeneral();
            u.multiply(fa, fb, ab);
            u.multiplyGeneral(ab, fc, abc);
            double[] sp = new double[order + 1];
            u.powers(S, sp);
            double[] pairAb = new double[u.lanes()];
            double[] pairAbc = new double[u.lanes()];
            double[] pairAbAbc = new double[u.lanes()];
            double[] meanAbc = new double[u.lanes()];
            u.addPair(fa, fb, sp, 1.0, pairAb);
            u.addPairGeneral(ab, fc, sp, 1.0, pairAbc);
            u.addPairGenerals(ab, abc, sp, 1.0, pairAbAbc);
            u.setMean(abc, sp, 1.0, meanAbc);
            for (int v = 0; v < u.lanes(); v++) {
                double a = EXPONENTS[v][0];
                double b = EXPONENTS[v][1];
                double c = EXPONENTS[v][2];
                double gab = Math.exp((a * a + b * b) * S / 2);
                double gabc = Math.exp((a * a + b * b + c * c) * S / 2);
                double contractionsAbc = a * b + a * c + b * c;
                for (int n = 0; n <= order; n++) {
                    for (int j = 0; n + j <= order; j++) {
                        double wantAb = gab * Math.pow(a * b, j) / factorial(j) * Math.pow(a + b, n) / factorial(n);
                        double wantAbc = gabc * Math.pow(contractionsAbc, j) / factorial(j)
                                * Math.pow(a + b + c, n) / factorial(n);
                        assertEquals(wantAb, ab[u.index(n, j)][v], 1e-13 * Math.max(1, Math.abs(wantAb)),
                                "A⋆B N=" + order + " n=" + n + " j=" + j);
                        assertEquals(wantAbc, abc[u.index(n, j)][v], 1e-13 * Math.max(1, Math.abs(wantAbc)),
                                "A⋆B⋆C N=" + order + " n=" + n + " j=" + j);
                    }
                }
                // E1 truncated at order N: the Taylor polynomials in s of the contraction exponentials
                double wantPairAb = gab * taylor(a * b * S, order);
                double wantPairAbc = gabc * taylor(contractionsAbc * S, order);
                // E1[(A⋆B)⋆(A⋆B⋆C)]: contractions within each factor are already counted (their s-powers), the
                // cross ones are (a + b)(a + b + c); the total order truncates the product of the two series
                double cross = (a + b) * (a + b + c);
                double wantAbAbc = 0;
                for (int j1 = 0; j1 <= order; j1++) {
                    for (int j2 = 0; j1 + j2 <= order; j2++) {
                        for (int k = 0; j1 + j2 + k <= order; k++) {
                            wantAbAbc += Math.pow(a * b * S, j1) / factorial(j1) * Math.pow(contractionsAbc * S, j2)
                                    / factorial(j2) * Math.pow(cross * S, k) / factorial(k);
                        }
                    }
                }
                wantAbAbc *= gab * gabc;
                assertEquals(wantPairAb, pairAb[v], 1e-13 * Math.max(1, Math.abs(wantPairAb)), "E1[A⋆B]");
                assertEquals(wantPairAbc, pairAbc[v], 1e-13 * Math.max(1, Math.abs(wantPairAbc)), "E1[A⋆B⋆C]");
                assertEquals(wantPairAbc, meanAbc[v], 1e-13 * Math.max(1, Math.abs(wantPairAbc)), "mean");
                assertEquals(wantAbAbc, pairAbAbc[v], 1e-13 * Math.max(1, Math.abs(wantAbAbc)), "E1[AB⋆ABC]");
            }
        }
    }

    private static double taylor(double x, int order) {
        double sum = 0;
        for (int k = 0; k <= order; k++) {
            sum += Math.pow(x, k) / factorial(k);
        }
        return sum;
    }

    /**
     * Contractions without the product: E[P·(A⋆B)] and E[P·(G⋆L)] against a reduced table equal forming the product
     * and contracting it, and E[P·(L⋆z)] (the shift z's jet: derivatives 0, 1, 0, …) equals the general product.
     */
    @Test
    void contractionsWithoutProductsEqualContractingTheProduct() {
        java.util.Random random = new java.util.Random(3);
        for (int order = 1; order <= 4; order++) {
            UnitWickAlgebra u = new UnitWickAlgebra(order, EXPONENTS.length);
            double[][] fa = exponential(u, 0);
            double[][] fb = exponential(u, 1);
            double[][] z = u.newLinear();
            java.util.Arrays.fill(z[1], 1.0);
            double[][] reduced = u.newGeneral();
            for (double[] row : reduced) {
                for (int v = 0; v < row.length; v++) {
                    row[v] = random.nextGaussian();
                }
            }
            double[][] ab = u.newGeneral();
            double[][] abb = u.newGeneral();
            double[][] az = u.newGeneral();
            u.multiply(fa, fb, ab);
            u.multiplyGeneral(ab, fb, abb);
            u.multiply(fa, z, az);
            double[][] want = new double[3][u.lanes()];
            double[][] got = new double[3][u.lanes()];
            dotGeneral(u, ab, reduced, 0.7, want[0]);
            u.addDotProduct(fa, fb, reduced, 0.7, got[0]);
            dotGeneral(u, abb, reduced, -1.3, want[1]);
            u.addDotProductGeneral(ab, fb, reduced, -1.3, got[1]);
            dotGeneral(u, az, reduced, 2.0, want[2]);
            u.addDotShift(fa, reduced, 2.0, got[2]);
            for (int k = 0; k < 3; k++) {
                for (int v = 0; v < u.lanes(); v++) {
                    assertEquals(want[k][v], got[k][v], 1e-13 * Math.max(1, Math.abs(want[k][v])),
                            "N=" + order + " case " + k);
                }
            }
        }
    }

    /** acc += x Σ_k G[k] red[k] over the valid entries n + j ≤ N: the contraction of a formed general jet. */
    private static void dotGeneral(UnitWickAlgebra u, double[][] g, double[][] reduced, double x, double[] acc) {
        for (int n = 0; n <= u.order(); n++) {
            for (int j = 0; n + j <= u.order(); j++) {
                int k = u.index(n, j);
                for (int v = 0; v < acc.length; v++) {
                    acc[v] += x * g[k][v] * reduced[k][v];
                }
            }
        }
    }
}
