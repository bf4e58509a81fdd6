package org.sgdlimits.study.informationexponent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgdlimits.chart.ChartFigure;
import org.sgdlimits.chart.ChartSeries;
import org.sgdlimits.chart.XYChartBuilder;

/**
 * The study's outputs as text and figures (no file handling here): the CSV of escape times, the log-log chart,
 * the Markdown summary and the JSON blocks of run.json.
 */
public final class InformationExponentWriter {
    private static final Color[] COLORS = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(86, 180, 233), new Color(230, 159, 0)};

    private InformationExponentWriter() {
    }

    /** escape-times.csv: k, source (ode/gram), d, γ_d, τ, its standard error, escaped runs, runs. */
    public static String csv(List<ExponentResult> results) {
        StringBuilder b = new StringBuilder("k,source,d,learning_rate,escape_time,standard_error,escaped,runs\n");
        for (ExponentResult r : results) {
            rows(b, r.exponent(), "ode", r.ode());
            rows(b, r.exponent(), "gram", r.simulated());
        }
        return b.toString();
    }

    private static void rows(StringBuilder b, int k, String source, List<EscapePoint> points) {
        for (EscapePoint p : points) {
            b.append(String.format(Locale.ROOT, "%d,%s,%d,%.10g,%.10g,%.6g,%d,%d%n", k, source, p.dimension(),
                    p.learningRate(), p.escapeTime(), p.standardError(), p.escaped(), p.runs()));
        }
    }

    /** Escape time against d, log-log: ODE lines and Gram-chain points (± s.e.), fitted exponents in the legend. */
    public static ChartFigure chart(List<ExponentResult> results) {
        XYChartBuilder b = new XYChartBuilder("Escape from the equator: single-index He_k teacher, one spherical unit",
                "dimension d", "escape time \u03c4 = samples / d").logX(true).logY(true);
        for (int i = 0; i < results.size(); i++) {
            ExponentResult r = results.get(i);
            Color c = COLORS[i % COLORS.length];
            double[][] ode = xy(r.ode());
            if (ode[0].length > 0) {
                b.add(ChartSeries.line(String.format(Locale.ROOT, "k = %d ODE: exponent %s (theory %s)", r.exponent(),
                        slope(r.odeFit().slope(), r.odeFit().standardError()), r.theoryLabel()), ode[0], ode[1])
                        .withColor(c));
            }
            double[][] sim = xy(r.simulated());
            if (sim[0].length > 0) {
                b.add(ChartSeries.points(String.format(Locale.ROOT, "k = %d Gram chain: exponent %s", r.exponent(),
                        slope(r.simulatedFit().slope(), r.simulatedFit().standardError())), sim[0], sim[1], sim[2])
                        .withColor(c));
            }
        }
        return b.build();
    }

    private static double[][] xy(List<EscapePoint> points) {
        List<EscapePoint> ok = points.stream().filter(p -> p.escapeTime() > 0).toList();
        double[] x = ok.stream().mapToDouble(EscapePoint::dimension).toArray();
        double[] y = ok.stream().mapToDouble(EscapePoint::escapeTime).toArray();
        double[] e = ok.stream().mapToDouble(p -> Double.isNaN(p.standardError()) ? 0 : p.standardError()).toArray();
        return new double[][] {x, y, e};
    }

    /** "1.00 ± 0.01" (or "n/a"). */
    public static String slope(double s, double se) {
        if (Double.isNaN(s)) {
            return "n/a";
        }
        return Double.isNaN(se) ? String.format(Locale.ROOT, "%.2f", s)
                : String.format(Locale.ROOT, "%.2f \u00b1 %.2f", s, se);
    }

    /** summary.md: the fitted exponents beside theory, then the escape times. */
    public static String markdown(InformationExponentSettings s, List<ExponentResult> results) {
        StringBuilder b = new StringBuilder("# Information exponent: escape time against d\n\n");
        b.append(String.format(Locale.ROOT, "Spherical one-pass SGD, σ = σ* = He_k, p = k* = 1, start m₀ = d^(−1/2), "
                + "learning rate θ = %.3g of the critical rate, escape at |m| = %.3g; τ = samples/d; %d Gram-chain "
                + "runs per point, seed %d.%n%n", s.rateFraction(), s.threshold(), s.seeds(), s.seed()));
        b.append("| k | theory | k − 2 | ODE exponent | Gram-chain exponent |\n|---|---|---|---|---|\n");
        for (ExponentResult r : results) {
            b.append(String.format(Locale.ROOT, "| %d | %s | %d | %s | %s |%n", r.exponent(), r.theoryLabel(),
                    r.exponent() - 2, slope(r.odeFit().slope(), r.odeFit().standardError()),
                    slope(r.simulatedFit().slope(), r.simulatedFit().standardError())));
        }
        b.append("\n| k | source | d | τ | s.e. | escaped/runs |\n|---|---|---|---|---|---|\n");
        for (ExponentResult r : results) {
            for (EscapePoint p : r.ode()) {
                b.append(String.format(Locale.ROOT, "| %d | ODE | %d | %.4g | | %d/%d |%n", r.exponent(),
                        p.dimension(), p.escapeTime(), p.escaped(), p.runs()));
            }
            for (EscapePoint p : r.simulated()) {
                b.append(String.format(Locale.ROOT, "| %d | Gram chain | %d | %.4g | %.2g | %d/%d |%n", r.exponent(),
                        p.dimension(), p.escapeTime(), p.standardError(), p.escaped(), p.runs()));
            }
        }
        return b.toString();
    }

    /** The settings as the "experiment" block of run.json. */
    public static ObjectNode settingsJson(InformationExponentSettings s) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("study", "information-exponent");
        json.put("teacher", "He_k, k* = 1, P = 1");
        json.put("student", "He_k, p = 1, spherical, a = a* = 1 fixed");
        ArrayNode ks = json.putArray("exponents");
        for (int k : s.exponents()) {
            ks.add(k);
        }
        ArrayNode od = json.putArray("odeDimensions");
        for (int d : s.odeDimensions()) {
            od.add(d);
        }
        ArrayNode sd = json.putArray("simulatedDimensions");
        for (int[] row : s.simulatedDimensions()) {
            ArrayNode r = sd.addArray();
            for (int d : row) {
                r.add(d);
            }
        }
        json.put("seeds", s.seeds());
        json.put("rateFraction", s.rateFraction());
        json.put("threshold", s.threshold());
        json.put("seed", s.seed());
        json.put("threads", s.threads());
        return json;
    }

    /** The fitted exponents and escape times as the "results" block of run.json. */
    public static Map<String, Object> resultsJson(List<ExponentResult> results) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        for (ExponentResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("k", r.exponent());
            m.put("theory", r.theoryLabel());
            m.put("theoryExponent", r.theoryExponent());
            m.put("odeExponent", finite(r.odeFit().slope()));
            m.put("odeExponentStandardError", finite(r.odeFit().standardError()));
            m.put("gramExponent", finite(r.simulatedFit().slope()));
            m.put("gramExponentStandardError", finite(r.simulatedFit().standardError()));
            m.put("odeDimensions", r.ode().stream().map(EscapePoint::dimension).toList());
            m.put("odeEscapeTimes", r.ode().stream().map(p -> finite(p.escapeTime())).toList());
            m.put("gramDimensions", r.simulated().stream().map(EscapePoint::dimension).toList());
            m.put("gramEscapeTimes", r.simulated().stream().map(p -> finite(p.escapeTime())).toList());
            m.put("gramStandardErrors", r.simulated().stream().map(p -> finite(p.standardError())).toList());
            m.put("gramEscaped", r.simulated().stream().map(EscapePoint::escaped).toList());
            list.add(m);
        }
        out.put("exponents", list);
        return out;
    }

    /** JSON has no NaN: a missing value (no escape, too few runs) is null. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
