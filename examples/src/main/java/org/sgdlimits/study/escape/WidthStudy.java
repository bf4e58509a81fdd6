package org.sgdlimits.study.escape;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.sgdlimits.chart.ChartFigure;
import org.sgdlimits.chart.ChartSeries;
import org.sgdlimits.chart.XYChartBuilder;
import org.sgdlimits.meanfield.escape.EscapeAsymptotics;
import org.sgdlimits.meanfield.escape.EscapeStatistics;
import org.sgdlimits.meanfield.escape.EscapeTime;
import org.sgdlimits.narrow.phaseretrieval.EscapeCriterion;
import org.sgdlimits.narrow.phaseretrieval.EscapeResult;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalModel;
import org.sgdlimits.narrow.simulation.EngineKind;
import org.sgdlimits.narrow.simulation.SimulationProgress;

/**
 * Escape time versus width p (docs/theory.md §6), at several dimensions d, for g fixed or γ fixed: the ODE from the
 * typical start (exact symmetric engine, any p), the quenched ODE (random initial conditions: full O(p³) engine
 * up to {@link Settings#maxQuenchedWidth}, the O(p) reduced particle ODE of docs/theory.md §5 beyond it), SGD on the Gram chain or the explicit simulator, and the analytic
 * asymptotics. Next to the plain closure, the quenched ODE is also run at every p on the corrected (low-rank) particle
 * closure ({@link EscapeTime#quenchedCorrected}, docs/closure.md; plain SGD only), which stays exact at fixed g
 * as p grows. Writes {@code escape_vs_width.csv} and {@code escape_vs_width.png}.
 */
public final class WidthStudy {
    private WidthStudy() {
    }

    /**
     * @param widths           widths p (≥ 1)
     * @param dimensions       input dimensions d (&gt; p + 1 for every p; for SGD ≥ p + 1 + batch)
     * @param scaling          whether {@code rate} is g (fixed g) or γ (fixed learning rate)
     * @param rate             the value of g or γ (&gt; 0)
     * @param noise            label-noise variance Δ
     * @param criterion        escape criterion and threshold
     * @param spherical        projected SGD
     * @param quenchedSamples  random initial conditions per (p, d) for the quenched ODE (0: skip)
     * @param maxQuenchedWidth widest p for the full quenched ODE (its cost is O(p³) per step); wider p use the
     *                         reduced particle ODE (closure error O(g))
     * @param seeds            SGD runs per (p, d) (0: skip the simulation)
     * @param maxSimulatedWidth widest p simulated (a Gram-chain step costs O(p³), an explicit one O(p d))
     * @param engine           simulator for SGD
     * @param resolution       time resolution of the SGD escape detection
     * @param seed             base seed
     * @param threads          worker threads
     */
    public record Settings(int[] widths, int[] dimensions, RateScaling scaling, double rate, double noise,
                           EscapeCriterion criterion, boolean spherical, int quenchedSamples, int maxQuenchedWidth,
                           int seeds, int maxSimulatedWidth, EngineKind engine, double resolution, long seed,
                           int threads) {
        public Settings {
            widths = widths.clone();
            dimensions = dimensions.clone();
            Objects.requireNonNull(scaling, "scaling");
            Objects.requireNonNull(criterion, "criterion");
            Objects.requireNonNull(engine, "engine");
            if (widths.length == 0 || Arrays.stream(widths).anyMatch(p -> p < 1)) {
                throw new IllegalArgumentException("widths: " + Arrays.toString(widths) + "; need at least one, all >= 1");
            }
            int maxP = Arrays.stream(widths).max().getAsInt();
            if (dimensions.length == 0 || Arrays.stream(dimensions).anyMatch(d -> d <= maxP + 2)) {
                throw new IllegalArgumentException("dimensions: " + Arrays.toString(dimensions)
                        + "; need at least one, all > max width + 2 = " + (maxP + 2));
            }
            if (!(rate > 0) || !Double.isFinite(rate)) {
                throw new IllegalArgumentException((scaling == RateScaling.FIXED_G ? "g" : "learning rate") + ": "
                        + rate + "; must be finite and > 0");
            }
            if (quenchedSamples < 0 || seeds < 0 || threads < 1 || maxQuenchedWidth < 0 || maxSimulatedWidth < 0) {
                throw new IllegalArgumentException("samples/seeds/threads: " + quenchedSamples + "/" + seeds + "/"
                        + threads + "; samples and seeds must be >= 0, threads >= 1");
            }
        }

        @Override public int[] widths() { return widths.clone(); }
        @Override public int[] dimensions() { return dimensions.clone(); }

        /** g at width p. */
        public double reducedRate(int p) {
            return scaling.reducedRate(rate, p);
        }
    }

    /**
     * One (p, d) point. Statistics are null when not computed ({@code quenchedCorrected}: the quenched ODE on the
     * corrected particle closure, null for spherical SGD or without quenched samples).
     */
    public record Row(int width, int dimension, double reducedRate, EscapeResult typical, EscapeStatistics quenched,
                      boolean quenchedReduced, EscapeStatistics sgd, EscapeAsymptotics theory,
                      EscapeStatistics quenchedCorrected) {
    }

    /** Runs the study (SGD progress in steps to {@code progress}). */
    public static List<Row> run(Settings s, SimulationProgress progress) {
        return run(s, progress, row -> { });
    }

    /** Runs the study, handing each finished (p, d) row to {@code onRow} (on the calling thread). */
    public static List<Row> run(Settings s, SimulationProgress progress, java.util.function.Consumer<Row> onRow) {
        List<Row> rows = new ArrayList<>();
        for (int d : s.dimensions()) {
            for (int p : s.widths()) {
                double g = s.reducedRate(p);
                PhaseRetrievalModel model = new PhaseRetrievalModel(p, 1.0, g, s.noise(), s.spherical());
                EscapeTime escape = new EscapeTime(model, s.criterion(), s.threads());
                EscapeResult typical = escape.typical(d);
                EscapeStatistics quenched = null;
                boolean reduced = p > s.maxQuenchedWidth();
                if (s.quenchedSamples() > 0) {
                    quenched = reduced ? escape.quenchedReduced(d, s.quenchedSamples(), s.seed())
                            : escape.quenched(d, s.quenchedSamples(), s.seed());
                }
                EscapeStatistics corrected = s.quenchedSamples() > 0 && !s.spherical()
                        ? escape.quenchedCorrected(d, s.quenchedSamples(), s.seed()) : null;
                EscapeStatistics sgd = null;
                if (s.seeds() > 0 && p <= s.maxSimulatedWidth() && typical.escaped()) {
                    // SGD escapes earlier than the ODE on average; leave room for the slowest initial conditions
                    double limit = quenched != null && quenched.escaped() > 0
                            ? 1.5 * Math.max(typical.time(), quenched.quantile(1.0)) + 1.0 : 2.5 * typical.time() + 1.0;
                    sgd = escape.simulated(d, s.seeds(), s.seed(), s.engine(), limit, s.resolution(), progress);
                }
                Row row = new Row(p, d, g, typical, quenched, reduced, sgd, escape.asymptotics(d), corrected);
                rows.add(row);
                onRow.accept(row);
            }
        }
        return rows;
    }

    /** CSV header of {@link #writeCsv}. */
    public static List<String> header() {
        return List.of("p", "d", "g", "ode_typical", "quenched_mean", "quenched_sem", "quenched_median",
                "quenched_runs", "quenched_reduced", "sgd_mean", "sgd_sem", "sgd_median", "sgd_q10", "sgd_q90", "sgd_runs",
                "sgd_not_escaped", "theory_typical", "theory_typical_small_T", "theory_quenched", "theory_sgd", "spherical_talks",
                "spherical_linear", "corrected_mean", "corrected_sem", "corrected_median");
    }

    /** Writes {@code escape_vs_width.csv} into {@code dir}. */
    public static Path writeCsv(List<Row> rows, Path dir) throws IOException {
        List<double[]> table = new ArrayList<>();
        for (Row r : rows) {
            EscapeStatistics q = r.quenched();
            EscapeStatistics s = r.sgd();
            EscapeAsymptotics th = r.theory();
            table.add(new double[] {r.width(), r.dimension(), r.reducedRate(),
                r.typical().escaped() ? r.typical().time() : Double.NaN,
                q == null ? Double.NaN : q.mean(), q == null ? Double.NaN : q.standardError(),
                q == null ? Double.NaN : q.median(), q == null ? 0 : q.runs(), r.quenchedReduced() ? 1 : 0,
                s == null ? Double.NaN : s.mean(), s == null ? Double.NaN : s.standardError(),
                s == null ? Double.NaN : s.median(), s == null ? Double.NaN : s.quantile(0.1),
                s == null ? Double.NaN : s.quantile(0.9), s == null ? 0 : s.runs(), s == null ? 0 : s.notEscaped(),
                th.typical(), th.typicalSmallThreshold(), th.quenched(), th.sgd(), th.sphericalTalks(), th.sphericalLinear(),
                stat(r.quenchedCorrected(), EscapeStatistics::mean), stat(r.quenchedCorrected(), EscapeStatistics::standardError),
                stat(r.quenchedCorrected(), EscapeStatistics::median)});
        }
        Path target = dir.resolve("escape_vs_width.csv");
        StudyCsv.write(target, header(), table);
        return target;
    }

    /**
     * Chart: escape time against p (log axis, spanning the widths), one colour per d: the ODE as a solid line, the
     * asymptote dashed, quenched-ODE means as open markers and SGD means as filled ones, so that curves and
     * points that coincide stay apart.
     */
    public static ChartFigure chart(List<Row> rows, Settings s) {
        String rateText = s.scaling() == RateScaling.FIXED_G ? "g = " + s.rate() : "gamma = " + s.rate();
        XYChartBuilder b = new XYChartBuilder("Escape time vs width (" + rateText + ", noise = " + s.noise()
                + ", " + s.criterion() + (s.spherical() ? ", spherical" : "") + ")", "width p", "escape time t")
                .logX(true).logY(false);
        int colour = 0;
        for (int d : s.dimensions()) {
            List<Row> at = rows.stream().filter(r -> r.dimension() == d).toList();
            double[] p = at.stream().mapToDouble(Row::width).toArray();
            java.awt.Color c = PALETTE[colour++ % PALETTE.length];
            b.add(ChartSeries.line("ODE typical, d = " + d, p, at.stream()
                    .mapToDouble(r -> r.typical().escaped() ? r.typical().time() : Double.NaN).toArray()).withColor(c));
            double[] theory = at.stream().mapToDouble(r -> s.spherical() ? firstFinite(r.theory().sphericalTalks(),
                    r.theory().typical()) : r.theory().typical()).toArray();
            if (Arrays.stream(theory).anyMatch(Double::isFinite)) {
                b.add(ChartSeries.line((s.spherical() ? "small-T formula" : "asymptote (ln d + K)/c*") + ", d = " + d,
                        p, theory).withColor(c.darker()).drawnOpen());
            }
            if (at.stream().anyMatch(r -> r.quenched() != null)) {
                String label = at.stream().anyMatch(Row::quenchedReduced)
                        ? "quenched ODE (reduced beyond p = " + s.maxQuenchedWidth() + "), d = " + d
                        : "quenched ODE, d = " + d;
                b.add(ChartSeries.points(label, p,
                        at.stream().mapToDouble(r -> r.quenched() == null ? Double.NaN : r.quenched().mean()).toArray(),
                        at.stream().mapToDouble(r -> r.quenched() == null ? 0 : r.quenched().standardError()).toArray())
                        .withColor(c.brighter()).drawnOpen());
            }
            if (at.stream().anyMatch(r -> r.quenchedCorrected() != null)) {
                b.add(ChartSeries.points("quenched ODE, corrected closure, d = " + d, p,
                        at.stream().mapToDouble(r -> stat(r.quenchedCorrected(), EscapeStatistics::mean)).toArray(),
                        at.stream().mapToDouble(r -> r.quenchedCorrected() == null ? 0
                                : r.quenchedCorrected().standardError()).toArray()).withColor(c.darker().darker()));
            }
            if (at.stream().anyMatch(r -> r.sgd() != null)) {
                b.add(ChartSeries.points("SGD (" + s.engine().id() + "), d = " + d,
                        p, at.stream().mapToDouble(r -> r.sgd() == null ? Double.NaN : r.sgd().mean()).toArray(),
                        at.stream().mapToDouble(r -> r.sgd() == null ? 0 : r.sgd().standardError()).toArray())
                        .withColor(c));
            }
        }
        return b.build();
    }

    static final java.awt.Color[] PALETTE = {new java.awt.Color(0, 114, 178), new java.awt.Color(213, 94, 0),
        new java.awt.Color(0, 158, 115), new java.awt.Color(204, 121, 167), new java.awt.Color(230, 159, 0)};

    private static double stat(EscapeStatistics s, java.util.function.ToDoubleFunction<EscapeStatistics> f) {
        return s == null ? Double.NaN : f.applyAsDouble(s);
    }

    private static double firstFinite(double a, double b) {
        return Double.isFinite(a) ? a : b;
    }
}
