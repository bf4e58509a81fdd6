package org.sgdlimits.meanfield.pde;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * Generates the grid-convergence table of docs/pde-convergence.md (minutes; skipped unless
 * {@code -Dpde.convergence=true}):
 * <pre>
 * mvn -B -q -o test -pl meanfield -am -Dtest=PdeConvergenceStudyTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dpde.convergence=true [-Dpde.cases=random,flow] [-Dpde.grids=0x0,400x40] [-Dpde.limiters=koren/koren] \
 *     [-Dpde.stretchFactor=4] [-Dpde.reference.m=400 -Dpde.reference.q=25]
 * </pre>
 * Prints Markdown rows: for each case, grid and limiter pair the largest |PDE − particles| over the recorded
 * times of mean m², mean q⊥ and the risk, the PDE's steps and wall seconds (see {@link PdeAccuracyCases}).
 * Grid {@code 0x0} is the default grid of {@link PdeGridDefaults}; {@code pde.stretchFactor} sets the stretch of
 * the random case in units of the sd of m (default: {@link PdeGridDefaults#STRETCH_IN_SD}).
 */
class PdeConvergenceStudyTest {

    @Test
    void convergenceTable() {
        assumeTrue(Boolean.getBoolean("pde.convergence"), "set -Dpde.convergence=true to run the study");
        String[] grids = System.getProperty("pde.grids", "200x20,400x40,800x80").split(",");
        String[] limiters = System.getProperty("pde.limiters", "koren/koren").split(",");
        String[] cases = System.getProperty("pde.cases", "random,flow").split(",");
        List<String> rows = new ArrayList<>();
        rows.add("| case | grid (ξ × q⊥) | stretch s | limiter ξ / q⊥ | mean m² | mean q⊥ | risk | steps | seconds |");
        rows.add("|---|---|---|---|---|---|---|---|---|");
        for (String name : cases) {
            PdeAccuracyCases.Case c = PdeAccuracyCases.named(name);
            for (String limiter : limiters) {
                String[] l = limiter.split("/");
                for (String grid : grids) {
                    String[] g = grid.split("x");
                    PdeAccuracyCases.Gaps e = c.gaps(Integer.parseInt(g[0]), Integer.parseInt(g[1]), limiter(l[0]),
                            limiter(l[1]));
                    String size = e.grid().xiCells() + " × " + e.grid().qCells()
                            + (Integer.parseInt(g[0]) <= 0 ? " (default)" : "");
                    rows.add(String.format(Locale.ROOT, "| %s | %s | %.3g | %s / %s | %.2e | %.2e | %.2e | %d | %.1f |",
                            name, size, e.grid().stretch(), l[0], l[1], e.meanM2(), e.meanQPerp(), e.risk(), e.steps(),
                            e.seconds()));
                    System.out.println(rows.get(rows.size() - 1));
                }
            }
        }
        System.out.println(String.join("\n", rows));
    }

    private static SlopeLimiter limiter(String s) {
        return SlopeLimiter.valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
