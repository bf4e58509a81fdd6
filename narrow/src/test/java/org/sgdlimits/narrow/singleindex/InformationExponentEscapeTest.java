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
    void odeEscapeTimesScaleWithTheInformationExponent() {
        for (int k = 1; k <= 4; k++) {
            StringBuilder b = new StringBuilder("k = " + k + ":");
            for (int d : new int[] {256, 1024, 4096, 16384}) {
                InformationExponentEscape e = new InformationExponentEscape(k, d, 0.5, 0.5);
                long t0 = System.nanoTime();
                double tau = e.odeEscapeTime();
                b.append(String.format(" d=%d tau=%.4g (%.0f ms)", d, tau, (System.nanoTime() - t0) * 1e-6));
            }
            System.out.println(b);
        }
        for (int k = 1; k <= 4; k++) {
            StringBuilder b = new StringBuilder("sim k = " + k + ":");
            for (int d : new int[] {16, 32, 64, 128}) {
                InformationExponentEscape e = new InformationExponentEscape(k, d, 0.5, 0.5);
                long t0 = System.nanoTime();
                double s = 0;
                for (int seed = 0; seed < 4; seed++) {
                    s += e.simulatedEscapeTime(SeedStreams.provider(3, seed));
                }
                b.append(String.format(" d=%d tau=%.4g ode %.4g (%.0f ms, max steps %d)", d, s / 4, e.odeEscapeTime(),
                        (System.nanoTime() - t0) * 1e-6, e.maxSteps()));
            }
            System.out.println(b);
        }
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
