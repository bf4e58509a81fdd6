package org.sgdlimits.study.informationexponent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgdlimits.chart.ChartFigure;
import org.sgdlimits.chart.ChartSeries;
import org.sgdlimits.chart.XYChartBuilder;
import org.sgdlimits.study.SignificantDigits;

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

    /**
     * summary.md, exactly the Markdown the README quotes (between its {@code information-exponent-summary}
     * markers): the sizes, the fitted exponents beside theory and, for k = 2, the growth of the ODE escape time per
     * doubling of d beside its prediction. The escape times themselves are in escape-times.csv.
     */
    public static String markdown(InformationExponentSettings s, List<ExponentResult> results) {
        StringBuilder b = new StringBuilder();
        int[] ks = s.exponents();
        int[][] sim = s.simulatedDimensions();
        b.append(String.format(Locale.ROOT, "Fitted exponents of τ against d (± standard error; θ = %s, escape at "
                + "|m| = %s, seed %d; ODE d = %s, Gram chain %d runs per point at d = ", number(s.rateFraction()),
                number(s.threshold()), s.seed(), range(s.odeDimensions()), s.seeds()));
        for (int i = 0; i < ks.length; ) {
            int j = i;
            while (j + 1 < ks.length && Arrays.equals(sim[j + 1], sim[i])) {
                j++;
            }
            StringBuilder which = new StringBuilder();
            for (int m = i; m <= j; m++) {
                which.append(m > i ? ", " : "").append(ks[m]);
            }
            b.append(i > 0 ? (j + 1 == ks.length ? " and " : ", ") : "").append(range(sim[i]))
                    .append(" for k = ").append(which);
            i = j + 1;
        }
        b.append("):\n\n| k | theory | k − 2 | ODE exponent | Gram-chain exponent |\n|---|---|---|---|---|\n");
        for (ExponentResult r : results) {
            b.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s |%n", r.exponent(), r.theoryLabel(),
                    Integer.toString(r.exponent() - 2).replace('-', '\u2212'), slope(r.odeFit().slope(), r.odeFit().standardError()),
                    slope(r.simulatedFit().slope(), r.simulatedFit().standardError())));
        }
        for (ExponentResult r : results) {
            if (r.exponent() == 2 && !r.ode().isEmpty() && !Double.isNaN(r.odeGrowthPerDoubling())) {
                double gamma = r.ode().get(0).learningRate();
                b.append(String.format(Locale.ROOT, "%nFor k = 2 the ODE's τ grows by %.2f per doubling of d "
                        + "(least-squares slope of τ against log₂ d), the predicted ln 2/(8(1 − θ)γ) = %.2f at "
                        + "γ = %.3g.%n", r.odeGrowthPerDoubling(), r.predictedGrowthPerDoubling(gamma,
                        s.rateFraction()), gamma));
            }
        }
        return b.toString();
    }

    /** "64 … 16 384" (the first and last of a list; thousands grouped by a space from 10 000 on). */
    private static String range(int[] dims) {
        return dims.length == 1 ? grouped(dims[0]) : grouped(dims[0]) + " … " + grouped(dims[dims.length - 1]);
    }

    private static String grouped(int d) {
        return d < 10_000 ? Integer.toString(d) : String.format(Locale.ROOT, "%,d", d).replace(',', ' ');
    }

    private static String number(double v) {
        return SignificantDigits.of(v, 3);
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
