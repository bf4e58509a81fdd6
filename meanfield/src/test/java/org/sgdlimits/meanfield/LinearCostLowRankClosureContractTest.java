package org.sgdlimits.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sgdlimits.meanfield.LatentLowRankClosureTest.secondLayer;
import static org.sgdlimits.meanfield.LatentLowRankClosureTest.state;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.StandardActivation;

/**
 * What every O(p) corrected closure ({@link LinearCostLowRankClosure}) must satisfy, run against each route: with
 * H = 0 the correction vanishes and the right-hand side is the plain {@link ParticleDrift} on the same teacher rule
 * (ṁ and q̇⊥ to 1e-12, the excess risk to 1e-13).
 */
class LinearCostLowRankClosureContractTest {

    private static final StandardActivation ERF = StandardActivation.ERF;

    /** The contract, run by each route's nested class. */
    abstract static class Contract {

        /** The basis the route is checked with. */
        abstract DenseLowRankClosure.Basis basis();

        /** The closures to check (variants of one route), for second layer a and the drift settings. */
        abstract List<LinearCostLowRankClosure> closures(double[] a, ParticleDriftSettings settings);

        /** Label noise of the check. */
        abstract double labelNoise();

        @Test
        void zeroCorrectionIsThePlainClosure() {
            int p = 17;
            double[] a = secondLayer(p);
            int r = basis().rank();
            double[] y = state(p, new double[r * r]);
            ParticleDriftSettings settings = ParticleDriftSettings.ofWidth(p).withNoiseCoefficient(0.2)
                    .withLabelNoise(labelNoise());
            ParticleDrift plain = new ParticleDrift(ERF, ERF, new double[] {1.0}, new double[] {1.0}, settings);
            ParticleDriftTerms out = new ParticleDriftTerms(p, 1);
            plain.evaluate(p, a, Arrays.copyOfRange(y, 0, p), Arrays.copyOfRange(y, p, 2 * p), 1.0, out);
            for (LinearCostLowRankClosure fast : closures(a, settings)) {
                double[] got = new double[y.length];
                fast.derivatives(y, got);
                for (int i = 0; i < p; i++) {
                    assertEquals(out.dm[i], got[i], 1e-12);
                    assertEquals(out.dqPerp[i], got[p + i], 1e-12);
                }
                assertEquals(out.excessRisk, fast.excessRisk(y), 1e-13);
            }
        }
    }

    /** The heat-kernel series route at every order 1–4 (basis [a, a q⊥, a m], label noise 0.1). */
    @Nested
    class Series extends Contract {
        @Override
        DenseLowRankClosure.Basis basis() {
            return DenseLowRankClosure.Basis.A_AQ_AM;
        }

        @Override
        double labelNoise() {
            return 0.1;
        }

        @Override
        List<LinearCostLowRankClosure> closures(double[] a, ParticleDriftSettings settings) {
            return List.of(1, 2, 3, 4).stream().<LinearCostLowRankClosure>map(order -> new SeriesLowRankClosure(ERF,
                    ERF, 1.0, 1.0, a, basis(), settings, order)).toList();
        }
    }

    /** The latent quadrature route (basis [a, a q⊥], 6 latent nodes per axis, no label noise). */
    @Nested
    class Latent extends Contract {
        @Override
        DenseLowRankClosure.Basis basis() {
            return DenseLowRankClosure.Basis.A_AQ;
        }

        @Override
        double labelNoise() {
            return 0.0;
        }

        @Override
        List<LinearCostLowRankClosure> closures(double[] a, ParticleDriftSettings settings) {
            return List.of(new LatentLowRankClosure(ERF, ERF, 1.0, 1.0, a, basis(), settings, 6));
        }
    }
}
