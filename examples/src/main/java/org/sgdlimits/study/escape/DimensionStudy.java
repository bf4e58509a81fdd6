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
import org.sgdlimits.narrow.phaseretrieval.PlateauTheory;

/**
 * Escape time versus dimension d at fixed width and g (docs/theory.md §6): the ODE from the typical start (and optionally
 * the quenched ODE) against ln d, with the least-squares slope compared to the theory slope 1/c* (plain SGD) or
 * 1/c_s (spherical). Writes {@code escape_vs_dimension.csv} and {@code escape_vs_dimension.png}.
 */
public final class DimensionStudy {
    private DimensionStudy() {
    }

    /**
     * @param width           p
     * @param reducedRate     g = γ/p
     * @param noise           Δ
     * @param criterion       escape criterion
     * @param spherical       projected SGD
     * @param dimensions      d values (&gt; p + 1), at least two
     * @param quenchedSamples random initial conditions per d (0: skip)
     * @param seed            base seed
     * @param threads         worker threads
     */
    public record Settings(int width, double reducedRate, double noise, EscapeCriterion criterion, boolean spherical,
                           double[] dimensions, int quenchedSamples, long seed, int threads) {
        public Settings {
            Objects.requireNonNull(criterion, "criterion");
            dimensions = dimensions.clone();
            if (dimensions.length < 2 || Arrays.stream(dimensions).anyMatch(d -> !(d > width + 1))) {
                throw new IllegalArgumentException("dimensions: " + Arrays.toString(dimensions)
                        + "; need at least two, all > p + 1 = " + (width + 1));
            }
            if (quenchedSamples < 0) {
                throw new IllegalArgumentException("samples: " + quenchedSamples + "; must be >= 0");
            }
        }

        @Override public double[] dimensions() { return dimensions.clone(); }
    }

    /** One dimension. */
    public record Row(double dimension, EscapeResult typical, EscapeStatistics quenched, EscapeAsymptotics theory) {
    }

    /**
     * @param rows         one per dimension
     * @param fittedSlope  least-squares slope of the typical ODE escape time against ln d
     * @param theorySlope  1/c* (plain) or 1/c_s (spherical); NaN when no plateau exists
     */
    public record Result(List<Row> rows, double fittedSlope, double theorySlope) {
    }

    public static Result run(Settings s) {
        PhaseRetrievalModel model = new PhaseRetrievalModel(s.width(), 1.0, s.reducedRate(), s.noise(), s.spherical());
        EscapeTime escape = new EscapeTime(model, s.criterion(), s.threads());
        List<Row> rows = new ArrayList<>();
        for (double d : s.dimensions()) {
            EscapeStatistics q = s.quenchedSamples() > 0 ? escape.quenched((long) d, s.quenchedSamples(), s.seed()) : null;
            rows.add(new Row(d, escape.typical(d), q, escape.asymptotics(d)));
        }
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (Row r : rows) {
            if (r.typical().escaped()) {
                double x = Math.log(r.dimension());
                double y = r.typical().time();
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
                n++;
            }
        }
        double slope = n >= 2 ? (n * sxy - sx * sy) / (n * sxx - sx * sx) : Double.NaN;
        return new Result(rows, slope, theorySlope(s));
    }

    private static double theorySlope(Settings s) {
        try {
            return s.spherical() ? 1.0 / PlateauTheory.sphericalGrowthRate(s.width(), s.reducedRate(), s.noise())
                    : 1.0 / PlateauTheory.of(s.width(), s.reducedRate(), s.noise()).growthRate();
        } catch (IllegalArgumentException e) {
            return Double.NaN;
        }
    }

    public static List<String> header() {
        return List.of("d", "ln_d", "ode_typical", "quenched_mean", "quenched_sem", "theory_typical",
                "theory_quenched", "spherical_talks");
    }

    public static Path writeCsv(Result result, Path dir) throws IOException {
        List<double[]> table = new ArrayList<>();
        for (Row r : result.rows()) {
            EscapeStatistics q = r.quenched();
            table.add(new double[] {r.dimension(), Math.log(r.dimension()),
                r.typical().escaped() ? r.typical().time() : Double.NaN,
                q == null ? Double.NaN : q.mean(), q == null ? Double.NaN : q.standardError(),
                r.theory().typical(), r.theory().quenched(), r.theory().sphericalTalks()});
        }
        Path target = dir.resolve("escape_vs_dimension.csv");
        StudyCsv.write(target, header(), table);
        return target;
    }

    public static ChartFigure chart(Result result, Settings s) {
        double[] d = result.rows().stream().mapToDouble(Row::dimension).toArray();
        XYChartBuilder b = new XYChartBuilder(String.format(java.util.Locale.ROOT,
                "Escape time vs dimension (p = %d, g = %s): fitted slope %.4f, theory 1/c = %.4f", s.width(),
                s.reducedRate(), result.fittedSlope(), result.theorySlope()), "dimension d", "escape time t")
                .logX(true).logY(false);
        b.add(ChartSeries.points("ODE typical", d, result.rows().stream()
                .mapToDouble(r -> r.typical().escaped() ? r.typical().time() : Double.NaN).toArray(), null));
        b.add(ChartSeries.line("asymptote", d, result.rows().stream().mapToDouble(r -> r.theory().typical()).toArray()));
        if (result.rows().stream().anyMatch(r -> r.quenched() != null)) {
            b.add(ChartSeries.points("quenched ODE", d,
                    result.rows().stream().mapToDouble(r -> r.quenched() == null ? Double.NaN : r.quenched().mean()).toArray(),
                    result.rows().stream().mapToDouble(r -> r.quenched() == null ? 0 : r.quenched().standardError()).toArray()));
        }
        return b.build();
    }
}
