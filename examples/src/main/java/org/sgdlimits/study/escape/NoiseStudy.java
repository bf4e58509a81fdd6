package org.sgdlimits.study.escape;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sgdlimits.chart.ChartFigure;
import org.sgdlimits.chart.ChartSeries;
import org.sgdlimits.chart.XYChartBuilder;
import org.sgdlimits.io.ValueAndError;
import org.sgdlimits.meanfield.escape.EscapeStatistics;
import org.sgdlimits.meanfield.escape.EscapeTime;
import org.sgdlimits.meanfield.escape.NoiseEffect;

/**
 * "Does noise matter": the empirical distributions of ODE (quenched) and SGD escape times from the same random
 * initial conditions at one d (see {@link EscapeTime#noiseEffect}). Writes {@code escape_noise.csv} (both
 * sorted samples as empirical CDFs) and {@code escape_noise.png}.
 */
public final class NoiseStudy {
    private NoiseStudy() {
    }

    public static List<String> header() {
        return List.of("rank", "cdf", "ode_time", "sgd_time");
    }

    /** Writes the two empirical CDFs side by side (NaN where one sample is shorter). */
    public static Path writeCsv(NoiseEffect effect, Path dir) throws IOException {
        double[] ode = effect.ode().times();
        double[] sgd = effect.sgd().times();
        int n = Math.max(ode.length, sgd.length);
        int runs = Math.max(effect.ode().runs(), effect.sgd().runs());
        List<double[]> table = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            table.add(new double[] {i + 1, (i + 1.0) / runs, i < ode.length ? ode[i] : Double.NaN,
                i < sgd.length ? sgd[i] : Double.NaN});
        }
        Path target = dir.resolve("escape_noise.csv");
        StudyCsv.write(target, header(), table);
        return target;
    }

    public static ChartFigure chart(NoiseEffect effect, String description) {
        XYChartBuilder b = new XYChartBuilder("Escape-time distributions, " + description + ": ODE - SGD = "
                + ValueAndError.format(effect.difference().mean(), effect.difference().standardError()),
                "escape time t", "fraction of runs escaped")
                .logX(false).logY(false);
        b.add(ChartSeries.line("quenched ODE", effect.ode().times(), cdf(effect.ode())));
        b.add(ChartSeries.line("SGD", effect.sgd().times(), cdf(effect.sgd())));
        return b.build();
    }

    private static double[] cdf(EscapeStatistics s) {
        double[] y = new double[s.escaped()];
        for (int i = 0; i < y.length; i++) {
            y[i] = (i + 1.0) / s.runs();
        }
        return y;
    }
}
