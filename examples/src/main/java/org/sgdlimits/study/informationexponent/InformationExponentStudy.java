package org.sgdlimits.study.informationexponent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.sgdlimits.narrow.simulation.SeedStreams;
import org.sgdlimits.narrow.singleindex.InformationExponentEscape;

/**
 * Runs the information-exponent study: for each k, the ODE escape time over the ODE dimensions and the mean
 * Gram-chain escape time over the simulated dimensions, then the fitted exponents. Seeds of (k, d, run) are
 * independent streams of the base seed, so results do not depend on the thread count.
 */
public final class InformationExponentStudy {
    private final InformationExponentSettings settings;

    public InformationExponentStudy(InformationExponentSettings settings) {
        this.settings = settings;
    }

    /** The settings. */
    public InformationExponentSettings settings() {
        return settings;
    }

    /** The most SGD steps the study can take (every run to its horizon). */
    public long plannedMaxSteps() {
        long total = 0;
        int[] ks = settings.exponents();
        int[][] dims = settings.simulatedDimensions();
        for (int i = 0; i < ks.length; i++) {
            for (int d : dims[i]) {
                total += settings.seeds() * escape(ks[i], d).maxSteps();
            }
        }
        return total;
    }

    private InformationExponentEscape escape(int k, int d) {
        return new InformationExponentEscape(k, d, settings.rateFraction(), settings.threshold());
    }

    /** Runs everything (blocking). */
    public List<ExponentResult> run() {
        int[] ks = settings.exponents();
        int[][] dims = settings.simulatedDimensions();
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
        try {
            List<List<Future<Double>>> futures = new ArrayList<>();
            for (int i = 0; i < ks.length; i++) {
                for (int j = 0; j < dims[i].length; j++) {
                    InformationExponentEscape e = escape(ks[i], dims[i][j]);
                    List<Future<Double>> runs = new ArrayList<>();
                    for (int s = 0; s < settings.seeds(); s++) {
                        int stream = (i * 64 + j) * 4096 + s;
                        runs.add(pool.submit(() -> e.simulatedEscapeTime(SeedStreams.provider(settings.seed(),
                                stream))));
                    }
                    futures.add(runs);
                }
            }
            List<ExponentResult> results = new ArrayList<>();
            int next = 0;
            for (int i = 0; i < ks.length; i++) {
                List<EscapePoint> ode = new ArrayList<>();
                for (int d : settings.odeDimensions()) {
                    InformationExponentEscape e = escape(ks[i], d);
                    double tau = e.odeEscapeTime();
                    ode.add(new EscapePoint(d, e.learningRate(), tau, 0, Double.isNaN(tau) ? 0 : 1, 1));
                }
                List<EscapePoint> simulated = new ArrayList<>();
                for (int d : dims[i]) {
                    simulated.add(point(escape(ks[i], d), futures.get(next++)));
                }
                results.add(new ExponentResult(ks[i], ode, simulated, ExponentResult.fit(ode),
                        ExponentResult.fit(simulated)));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static EscapePoint point(InformationExponentEscape e, List<Future<Double>> runs) {
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (Future<Double> f : runs) {
            double tau;
            try {
                tau = f.get();
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", x);
            } catch (ExecutionException x) {
                throw new IllegalStateException("k = " + e.exponent() + ", d = " + e.dimension() + ": "
                        + x.getCause(), x.getCause());
            }
            if (!Double.isNaN(tau)) {
                sum += tau;
                sumSq += tau * tau;
                n++;
            }
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        double sem = n < 2 ? Double.NaN : Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1)) / n);
        return new EscapePoint(e.dimension(), e.learningRate(), mean, sem, n, runs.size());
    }
}
