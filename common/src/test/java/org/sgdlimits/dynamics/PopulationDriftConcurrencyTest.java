package org.sgdlimits.dynamics;

import org.sgdlimits.fixtures.DriftFixtures;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sgdlimits.gauss.ErfMoments;

/** One PopulationDrift shared by many threads (each with its own DriftTerms), and evaluations nested in the pool. */
class PopulationDriftConcurrencyTest {

    private static void assertSame(DriftTerms expected, DriftTerms actual) {
        assertArrayEquals(expected.dM, actual.dM);
        assertArrayEquals(expected.dQGradient, actual.dQGradient);
        assertArrayEquals(expected.dQNoise, actual.dQNoise);
        assertArrayEquals(expected.da, actual.da);
        assertEquals(expected.excessRisk, actual.excessRisk);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void sharedDriftGivesIdenticalResultsOnConcurrentCallerThreads() throws Exception {
        DriftFixtures fx = DriftFixtures.random(91, 24, 3, 40, 1.0, true);
        PopulationDrift drift = new PopulationDrift(ErfMoments.INSTANCE, fx.teacherOverlap, fx.aStar, 0.1)
                .withThreads(3);
        DriftTerms reference = drift.withThreads(1).newTerms(fx.p);
        drift.withThreads(1).evaluate(fx.q, fx.m, fx.a, reference);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<DriftTerms>> results = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                results.add(callers.submit(() -> {
                    DriftTerms own = drift.newTerms(fx.p);
                    for (int repeat = 0; repeat < 3; repeat++) {
                        drift.evaluate(fx.q, fx.m, fx.a, own);
                    }
                    return own;
                }));
            }
            for (Future<DriftTerms> f : results) {
                assertSame(reference, f.get());
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void evaluationsNestedInsideTheCommonPoolNeitherDeadlockNorChangeResults() {
        DriftFixtures fx = DriftFixtures.random(92, 24, 3, 40, 1.0, true);
        PopulationDrift drift = new PopulationDrift(ErfMoments.INSTANCE, fx.teacherOverlap, fx.aStar, 0.1)
                .withThreads(4);
        DriftTerms reference = drift.newTerms(fx.p);
        drift.withThreads(1).evaluate(fx.q, fx.m, fx.a, reference);
        int tasks = 4 * Math.max(1, ForkJoinPool.getCommonPoolParallelism());
        List<DriftTerms> results = ForkJoinPool.commonPool().submit(() -> IntStream.range(0, tasks).parallel()
                .mapToObj(t -> {
                    DriftTerms own = drift.newTerms(fx.p);
                    drift.evaluate(fx.q, fx.m, fx.a, own);
                    return own;
                }).toList()).join();
        for (DriftTerms r : results) {
            assertSame(reference, r);
        }
    }
}
