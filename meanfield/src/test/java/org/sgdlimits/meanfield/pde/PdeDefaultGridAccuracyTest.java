package org.sgdlimits.meanfield.pde;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.sgdlimits.meanfield.ReadmeQuotes;

/**
 * The density PDE on its DEFAULT grid ({@link PdeGridDefaults}) against converged particle references with the
 * same drift ({@link PdeAccuracyCases}): within 1e-3 on mean m², mean q⊥ and the risk at every recorded time.
 * Horizons t ≤ 10 (random start: the escape from m ≈ 0, where the grid errors arise) and t ≤ 5 (flow), to keep
 * the suite short; docs/pde-convergence.md has t ≤ 30.
 */
class PdeDefaultGridAccuracyTest {

    /**
     * Asserts the 1e-3 promise, and that the README ("PDE accuracy and the full engine for phase retrieval")
     * quotes these gaps (two significant digits) followed by {@code readmeCase}.
     */
    private static void assertWithinOneThousandth(PdeAccuracyCases.Case c, String readmeCase) throws IOException {
        PdeAccuracyCases.Gaps g = c.gaps(0, 0, SlopeLimiter.KOREN, SlopeLimiter.KOREN);
        String what = c.name() + " on " + g.grid() + ": " + g;
        System.out.println(what);
        assertTrue(g.meanM2() < 1e-3, "mean m²: " + what);
        assertTrue(g.meanQPerp() < 1e-3, "mean q⊥: " + what);
        assertTrue(g.risk() < 1e-3, "risk: " + what);
        ReadmeQuotes.assertQuoted("## Mean-field runs", ReadmeQuotes.sci(g.meanM2()) + ", "
                + ReadmeQuotes.sci(g.meanQPerp()) + ", " + ReadmeQuotes.sci(g.risk()) + " " + readmeCase);
    }

    /** Erf, p = 1000, g = Δ = 1e-3, exact law of a random start at d = 1000 (q⊥ narrower than 40 cells). */
    @Test
    void randomStartAtDimensionOneThousand() throws IOException {
        assertWithinOneThousandth(PdeAccuracyCases.randomStart(200, 12, 10),
                "for the exact random start at d = 1000 (erf, p = 1000, g = Δ = 1e-3, t ≤ 10)");
    }

    /** Gradient flow from the 2000 quantile particles (risk was 5.9e-3 off with nearest-cell binning). */
    @Test
    void gradientFlowFromQuantileParticles() throws IOException {
        assertWithinOneThousandth(PdeAccuracyCases.gradientFlow(5),
                "for gradient flow from 2000 quantile particles (t ≤ 5)");
    }
}
