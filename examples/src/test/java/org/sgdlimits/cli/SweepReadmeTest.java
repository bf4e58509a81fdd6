package org.sgdlimits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlimits.readme.ReadmeBlock;
import org.sgdlimits.study.SignificantDigits;

/**
 * Every number of the README's table of example sweeps ("Sweeps and phase diagrams") is the merged cells.csv of
 * that sweep, run as quoted (output into a temporary directory): each quoted phrase is rebuilt from the cells at
 * the precision the README prints and must appear in the sweep's row. The timings (seconds) are not checked.
 * About 40 s.
 */
class SweepReadmeTest {

    /** The merged cells.csv of one sweep: one map column → value per cell. */
    private record Cells(List<Map<String, String>> rows) {

        static Cells read(Path csv) throws IOException {
            List<String> lines = Files.readAllLines(csv);
            String[] header = lines.get(0).split(",", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] v = line.split(",", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], i < v.length ? v[i] : "");
                }
                rows.add(row);
            }
            return new Cells(rows);
        }

        /** The cell whose axis values are {@code axes} ("field", value, "field", value, ...). */
        Map<String, String> cell(Object... axes) {
            List<Map<String, String>> hits = rows.stream().filter(r -> IntStream.range(0, axes.length / 2)
                    .allMatch(i -> Math.abs(Double.parseDouble(r.get((String) axes[2 * i]))
                            - ((Number) axes[2 * i + 1]).doubleValue()) < 1e-9)).toList();
            assertEquals(1, hits.size(), "cells at " + List.of(axes));
            return hits.get(0);
        }

        double value(String column, Object... axes) {
            String v = cell(axes).get(column);
            assertTrue(v != null && !v.isEmpty(), column + " undefined at " + List.of(axes));
            return Double.parseDouble(v);
        }

        /** "1.33 ± 0.06": mean and standard error with {@code decimals} decimals. */
        String meanSe(String column, int decimals, Object... axes) {
            String f = "%." + decimals + "f";
            return String.format(Locale.ROOT, f + " ± " + f, value(column, axes), value(column + "_se", axes));
        }
    }

    /** {@code n} significant digits, plain: 1.04, 0.936, 2.19. */
    private static String sig(double v, int n) {
        return SignificantDigits.of(v, n);
    }

    /** Two significant digits, scientific: 8.1e-5. */
    private static String sci(double v) {
        return String.format(Locale.ROOT, "%.1e", v).replaceFirst("e([+-])0*(\\d)", "e$1$2").replace("e+", "e");
    }

    private static Cells run(Path tmp, String name) throws IOException {
        Path out = tmp.resolve(name);
        CliRun r = CliRun.of("sweep", ReadmeBlock.root().resolve("examples/sweeps/" + name + ".json").toString(),
                "--out", out.toString(), "--no-charts", "--quiet");
        assertEquals(0, r.exitCode(), name + ": " + r.err());
        return Cells.read(out.resolve("cells.csv"));
    }

    /** The table row of sweep {@code name} (the line quoting its command). */
    private static String row(String name) throws IOException {
        String command = "| `./sgdlimits sweep examples/sweeps/" + name + ".json --out ";
        List<String> rows = ReadmeBlock.section("## Sweeps and phase diagrams").lines()
                .filter(l -> l.startsWith(command)).toList();
        assertEquals(1, rows.size(), "README sweep table rows for " + name);
        return rows.get(0);
    }

    private static void quotes(String name, String phrase) throws IOException {
        assertTrue(row(name).contains(phrase), "the README row of " + name + " should say '" + phrase
                + "' (today's cells.csv); row: " + row(name));
    }

    @Test
    void everyNumberOfTheExampleSweepTableIsInTheSweepsCells(@TempDir Path tmp) throws IOException {
        Cells ode = run(tmp, "escape-time");
        quotes("escape-time", sig(ode.value("escapeTime", "p", 1, "g", 0.02), 3) + " → "
                + sig(ode.value("escapeTime", "p", 64, "g", 0.02), 3) + " from p = 1 to 64 at g = 0.02, "
                + sig(ode.value("escapeTime", "p", 4, "g", 0.08), 3) + " at p = 4, g = 0.08, "
                + sig(ode.value("escapeTime", "p", 1, "g", 0.16), 3) + " at p = 1, g = 0.16");
        for (int p : new int[] {1, 2, 4, 8, 16, 32, 64}) {
            assertEquals("diverged", ode.cell("p", p, "g", 0.32).get("status"), "p = " + p + ", g = 0.32");
        }
        quotes("escape-time", "every p diverges at g = 0.32 (marked ×); " + ode.rows().size() + " cells");

        Cells sgd = run(tmp, "escape-time-sgd");
        int[] widths = {1, 2, 4, 8};
        quotes("escape-time-sgd", "SGD (Gram chain, " + sgd.cell("p", 1).get("seeds") + " seeds) at g = 0.08, "
                + "d = 1000: " + join(widths, p -> sgd.meanSe("escapeTime", 2, "p", p))
                + " at p = 1, 2, 4, 8 (ODE from the typical start "
                + join(widths, p -> sig(ode.value("escapeTime", "p", p, "g", 0.08), 3)) + ")");

        Cells boundary = run(tmp, "divergence-boundary");
        quotes("divergence-boundary", "(p = 2: "
                + sci(boundary.value("finalExcessRisk", "learningRate", 4, "student.p", 2)) + " at γ = 4, "
                + sci(boundary.value("finalExcessRisk", "learningRate", 8, "student.p", 2)) + " at 8, "
                + sci(boundary.value("finalExcessRisk", "learningRate", 16, "student.p", 2)) + " at 16; p = 8: "
                + sci(boundary.value("finalExcessRisk", "learningRate", 8, "student.p", 8)) + " at γ = 8, "
                + sci(boundary.value("finalExcessRisk", "learningRate", 32, "student.p", 8)) + " at 32)");
        quotes("divergence-boundary", "; " + boundary.rows().size() + " cells");

        Cells plateau = run(tmp, "plateau-length");
        int[] dims = {100, 1000, 10_000, 100_000};
        quotes("plateau-length", plateau.cell("learningRate", 0.5, "initial.random.dimension", 100).get("seeds")
                + " seeds: at γ = 0.5 the plateau lasts " + join(dims,
                d -> plateau.meanSe("plateauLength", 0, "learningRate", 0.5, "initial.random.dimension", d))
                + " at d = 100, 10³, 10⁴, 10⁵");
        quotes("plateau-length", "; " + plateau.rows().size() + " cells");

        Cells dmft = run(tmp, "dmft-alpha-batch");
        double[] alphas = {0.5, 1, 2, 4};
        StringBuilder risks = new StringBuilder("test risk ");
        for (double b : new double[] {0.125, 1}) {
            for (int i = 0; i < alphas.length; i++) {
                risks.append(i == 0 ? "" : ", ").append(sig(dmft.value("finalRisk",
                        "dmft.samplesPerDimension", alphas[i], "dmft.algorithm.batchFraction", b), 3));
            }
            risks.append(b == 1 ? " for b = 1" : " at α = 0.5, 1, 2, 4 for b = 1/8 and ");
        }
        quotes("dmft-alpha-batch", risks.toString());
        String[] stops = new String[2];
        double[] ends = {0.5, 4};
        for (int i = 0; i < 2; i++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double b : new double[] {0.125, 0.25, 0.5, 1}) {
                double t = dmft.value("earlyStopping", "dmft.samplesPerDimension", ends[i],
                        "dmft.algorithm.batchFraction", b);
                lo = Math.min(lo, t);
                hi = Math.max(hi, t);
            }
            stops[i] = sig(lo, 3) + "–" + sig(hi, 3);
        }
        quotes("dmft-alpha-batch", "falls from " + stops[0] + " at α = 0.5 to " + stops[1] + " at α = 4");
        quotes("dmft-alpha-batch", "; " + dmft.rows().size() + " cells");
    }

    /** "f(a), f(b), f(c)". */
    private static String join(int[] xs, IntFunction<String> f) {
        return IntStream.of(xs).mapToObj(f).collect(Collectors.joining(", "));
    }
}
