package org.sgdlimits.narrow.singleindex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlimits.narrow.simulation.SeedStreams;

class InformationExponentEscapeTest {

    @Test
    void noiseAtTheEquatorMatchesTheHandComputedWickSums() {
        // He1: E[(ν − λ)²] = 2. He2: E[4λ²] E[He2²] + E[4λ² He2(λ)²] = 8 + 4 (15 − 6 + 1) = 48.
        assertEquals(2.0, new InformationExponentEscape(1, 100, 0.5, 0.5).noiseAtEquator(), 1e-12);
        assertEquals(48.0, new InformationExponentEscape(2, 100, 0.5, 0.5).noiseAtEquator(), 1e-10);
        assertEquals(0.5, new InformationExponentEscape(1, 100, 0.5, 0.5).learningRate(), 1e-12);
    }

    @Test
    void odeEscapeTimesFollowTheSmallOverlapTheory() {
        // k = 2: dm/dt = 4(1 − θ)m near m = 0, so τ = t/γ grows by ln 2/(2·4(1 − θ)γ) per doubling of d
        InformationExponentEscape a = new InformationExponentEscape(2, 1024, 0.5, 0.5);
        InformationExponentEscape b = new InformationExponentEscape(2, 2048, 0.5, 0.5);
        double perDoubling = Math.log(2) / (8 * 0.5 * a.learningRate());
        assertEquals(perDoubling, b.odeEscapeTime() - a.odeEscapeTime(), 0.01 * perDoubling);
        // k = 3, 4: τ ∝ d^(k−2), so doubling d multiplies τ by 2^(k−2) (to 3 % at d = 4096)
        for (int k = 3; k <= 4; k++) {
            double t1 = new InformationExponentEscape(k, 4096, 0.5, 0.5).odeEscapeTime();
            double t2 = new InformationExponentEscape(k, 8192, 0.5, 0.5).odeEscapeTime();
            assertEquals(Math.pow(2, k - 2), t2 / t1, 0.03 * Math.pow(2, k - 2), "k = " + k);
        }
        // k = 1: O(1), τ changes by less than 2 % per doubling at d = 4096
        double t1 = new InformationExponentEscape(1, 4096, 0.5, 0.5).odeEscapeTime();
        double t2 = new InformationExponentEscape(1, 8192, 0.5, 0.5).odeEscapeTime();
        assertEquals(1.0, t2 / t1, 0.02);
    }

    @Test
    void gramChainRunsEscapeAndTheirMeanIsNearTheOde() {
        // k = 2, d = 256: the simulated mean escape time within 50 % of the ODE's (fluctuations of m at the start
        // are as large as m₀, so only the order of magnitude is asserted here; the study checks the trend)
        InformationExponentEscape e = new InformationExponentEscape(2, 256, 0.5, 0.5);
        double sum = 0;
        for (int s = 0; s < 16; s++) {
            double tau = e.simulatedEscapeTime(SeedStreams.provider(9, s));
            assertTrue(tau > 0, "run " + s + " escaped");
            sum += tau;
        }
        double ode = e.odeEscapeTime();
        assertEquals(ode, sum / 16, 0.5 * ode);
    }

    @Test
    void badParametersAreRefusedNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new InformationExponentEscape(0, 100, 0.5, 0.5))
                .getMessage().startsWith("k:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new InformationExponentEscape(2, 100, 1.5, 0.5))
                .getMessage().startsWith("rateFraction:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new InformationExponentEscape(2, 100, 0.5, 0.05))
                .getMessage().startsWith("threshold:"));
    }
}
