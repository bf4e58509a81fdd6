package org.sgdlimits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlimits.readme.ReadmeBlock;

/**
 * The numbers the README quotes from runs of the example files in "The plateau example", the "Examples
 * gallery" table ("shows" column), "Mean-field runs" and "Corrected mean-field closure": each quoted command is run as quoted (output
 * into a temporary directory) and every quoted number is rebuilt from its trajectory.csv / run.json at the
 * precision the README prints and must appear in that README section. Wall-clock seconds are not checked;
 * right-hand-side and step counts are. About 40 s on a 2-core machine, most of it the two
 * density-PDE runs of the mean-field section.
 */
class MeanfieldAndGalleryReadmeNumbersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A run's trajectory.csv (header and rows) and run.json. */
    private record Run(List<String> header, double[][] rows, JsonNode report) {

        double[] column(String name) {
            int c = header.indexOf(name);
            assertTrue(c >= 0, "column " + name + " in " + header);
            return Arrays.stream(rows).mapToDouble(r -> r[c]).toArray();
        }

        /** The value of {@code name} at the recorded time {@code t} (exactly on the grid). */
        double at(String name, double t) {
            double[] times = column("t");
            for (int i = 0; i < times.length; i++) {
                if (Math.abs(times[i] - t) < 1e-9) {
                    return column(name)[i];
                }
            }
            throw new AssertionError("no recorded time " + t);
        }
    }

    private static Run run(Path tmp, String name, String... args) throws IOException {
        Path out = tmp.resolve(name);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", out.toString(), "--quiet"));
        if (args[0].equals("ode")) {
            all.add("--no-charts");
        }
        CliRun r = CliRun.of(all.toArray(String[]::new));
        assertEquals(0, r.exitCode(), name + ": " + r.err());
        List<String> lines = Files.readAllLines(out.resolve("trajectory.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        double[][] rows = lines.subList(1, lines.size()).stream()
                .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray()).toArray(double[][]::new);
        return new Run(header, rows, JSON.readTree(out.resolve("run.json").toFile()));
    }

    private static String file(String relative) {
        return ReadmeBlock.root().resolve(relative).toString();
    }

    /** {@code n} significant digits, plain decimals: 0.003, 180, 0.522. */
    static String sig(double v, int n) {
        return new BigDecimal(v).round(new MathContext(n)).stripTrailingZeros().toPlainString();
    }

    /** Two significant digits, scientific as the README writes it: 2.9e-5, 1.1e-3. */
    static String sci(double v) {
        return String.format(Locale.ROOT, "%.1e", v).replaceFirst("e([+-])0*(\\d)", "e$1$2").replace("e+", "e");
    }

    private static void quotes(String section, String phrase) throws IOException {
        String text = ReadmeBlock.section(section).replaceAll("\\s+", " ");
        assertTrue(text.contains(phrase.replaceAll("\\s+", " ")), "README section '" + section + "' should say '" + phrase
                + "' (today's run of the quoted command)");
    }

    /** The plateau of a learning curve: level (risk at t = 10), its end and the time the risk falls below 1e-3. */
    private record Plateau(double level, double end, double below) {
        static Plateau of(Run r) {
            double[] t = r.column("t");
            double[] risk = r.column("risk");
            double level = Double.NaN;
            double end = Double.NaN;
            double below = Double.NaN;
            for (int i = 0; i < t.length; i++) {
                if (Double.isNaN(level) && t[i] >= 10) {
                    level = risk[i];
                }
                if (!Double.isNaN(level) && Double.isNaN(end) && Math.abs(risk[i] - level) > 0.1 * level) {
                    end = t[i - 1]; // the last time within 10 % of the level
                }
                if (Double.isNaN(below) && risk[i] < 1e-3 && t[i] >= 10) {
                    below = t[i];
                }
            }
            return new Plateau(level, end, below);
        }

        String phrase() {
            return "≈ " + sig(level, 1) + " until t ≈ " + sig(end, 2) + ", below 1e-3 at t ≈ " + sig(below, 2);
        }
    }

    @Test
    void galleryNumbersAreTodaysRuns(@TempDir Path tmp) throws IOException {
        String gallery = "## Commands";
        double[] linear = run(tmp, "linear", "ode", file("examples/online-linear-regression.json")).column("risk");
        double steady = 0.1 / 2 + 0.5 * 0.5 * 0.1 / (2 - 0.5);
        assertEquals(steady, linear[linear.length - 1], 1e-6, "steady-state risk of online linear regression");
        quotes(gallery, "steady-state risk Δ/2 + ½γΔ/(2 − γ) = " + sig(linear[linear.length - 1], 3)
                + " at γ = 0.5, Δ = 0.1");

        Plateau relu = Plateau.of(run(tmp, "relu", "ode", file("examples/relu-network.json")));
        Plateau erf = Plateau.of(run(tmp, "plateau", "ode", file("examples/saad-solla-plateau.json")));
        quotes(gallery, "(risk " + relu.phrase() + "; erf units from the same start: " + erf.phrase() + ";");
        quotes("## The plateau example", "**plateau** (risk ≈ " + sig(erf.level(), 1) + " from t ≈ 10 until t ≈ "
                + sig(erf.end(), 2) + "), then **specialisation** and decay to zero (below 1e-3 at t ≈ "
                + sig(erf.below(), 2) + ")");

        double[] b8 = run(tmp, "mini-batch", "ode", file("examples/mini-batch.json")).column("excess_risk");
        String one = Files.readString(Path.of(file("examples/mini-batch.json"))).replace("\"batchSize\": 8",
                "\"batchSize\": 1");
        assertTrue(one.contains("\"batchSize\": 1"));
        Files.writeString(tmp.resolve("b1.json"), one);
        double[] b1 = run(tmp, "b1", "ode", tmp.resolve("b1.json").toString()).column("excess_risk");
        quotes(gallery, "(" + sci(b8[b8.length - 1]) + " against " + sci(b1[b1.length - 1]) + " at B = 1)");

        Run full = run(tmp, "p1-full", "meanfield", file("examples/meanfield/one-particle.json"), "--engine", "full");
        Run particles = run(tmp, "p1-particles", "meanfield", file("examples/meanfield/one-particle.json"),
                "--engine", "particles");
        String agree = "agree to " + sci1(largestGap(full, particles));
        quotes(gallery, "the two " + agree);
        quotes("## Mean-field runs", "particles and full " + agree + " on every column");
        String noSelf = Files.readString(Path.of(file("examples/meanfield/one-particle.json")))
                .replace("\"meanfield\": { \"particles\"", "\"meanfield\": { \"selfInteraction\": false, \"particles\"");
        assertTrue(noSelf.contains("selfInteraction"));
        Files.writeString(tmp.resolve("no-self.json"), noSelf);
        Run width = run(tmp, "p1-no-self", "meanfield", tmp.resolve("no-self.json").toString(), "--engine", "particles");
        quotes("## Mean-field runs", "(up to " + sig(largestGap(full, width), 1) + " apart with `\"selfInteraction\": false`)");
    }

    /** The largest difference of two runs on the same grid over every column. */
    private static double largestGap(Run a, Run b) {
        double gap = 0;
        for (String c : a.header()) {
            double[] x = a.column(c);
            double[] y = b.column(c);
            assertEquals(x.length, y.length, c);
            for (int i = 0; i < x.length; i++) {
                gap = Math.max(gap, Math.abs(x[i] - y[i]));
            }
        }
        return gap;
    }

    /** One significant digit, scientific as the README writes it: 5e-9. */
    static String sci1(double v) {
        return String.format(Locale.ROOT, "%.0e", v).replaceFirst("e([+-])0*(\\d)", "e$1$2").replace("e+", "e");
    }

    /** "3.0e-4 in risk, 1.1e-3 in mean_m2 and 4.9e-4 in mean_qperp": the largest particles–pde differences. */
    private static String differences(Run particles, Run pde) {
        String[] c = {"risk", "mean_m2", "mean_qperp"};
        double[] d = new double[3];
        for (int j = 0; j < 3; j++) {
            double[] x = particles.column(c[j]);
            double[] y = pde.column(c[j]);
            assertEquals(x.length, y.length, "the same recorded times");
            for (int i = 0; i < x.length; i++) {
                d[j] = Math.max(d[j], Math.abs(x[i] - y[i]));
            }
        }
        return sci(d[0]) + " in risk, " + sci(d[1]) + " in mean_m2 and " + sci(d[2]) + " in mean_qperp";
    }

    @Test
    void meanfieldRunsCostAndAgreeAsTheReadmeSays(@TempDir Path tmp) throws IOException {
        String section = "## Mean-field runs";
        String snapshots = "0,5,10,15,20,30";
        Run mf = run(tmp, "mf", "meanfield", file("examples/density-snapshots.json"), "--snapshots", snapshots);
        Run mfPde = run(tmp, "mf-pde", "meanfield", file("examples/density-snapshots.json"), "--engine", "pde",
                "--snapshots", snapshots);
        String grid = mfPde.report().at("/statistics/grid").asText();
        assertTrue(mfPde.report().at("/statistics/maxMassError").asDouble() < 1e-12, "mass error");
        quotes(section, "particles " + mf.report().at("/statistics/rhsEvaluations").asInt()
                + " right-hand sides; pde on the default grid (" + grid.substring(0, grid.indexOf(" cells"))
                .replace(" x ", " × ") + " cells");
        quotes(section, "q⊥, see below) " + mfPde.report().at("/statistics/steps").asInt()
                + " steps, mass error below 1e-12. Up to t = 30 they differ by at most " + differences(mf, mfPde)
                + " (a sample");

        String d100 = file("examples/meanfield/random-start.json");
        String times = "0,0.5,1,2,5,10,20";
        Run particles = run(tmp, "mf-d100", "meanfield", d100, "--snapshots", times);
        Run pde = run(tmp, "mf-d100-pde", "meanfield", d100, "--engine", "pde", "--snapshots", times);
        assertTrue(pde.report().at("/statistics/grid").asText().startsWith("400 x 40 cells"));
        quotes(section, "400 × 40 cells): particles " + particles.report().at("/statistics/rhsEvaluations").asInt()
                + " right-hand sides, pde " + pde.report().at("/statistics/steps").asInt() + " steps; they differ "
                + "by at most " + differences(particles, pde) + " up to t = 20.");
    }

    /** The README's phase-retrieval file (its echo line) through the full engine: the closed-form drift's cost. */
    @Test
    void fullEngineForPhaseRetrievalCostsWhatTheReadmeSays(@TempDir Path tmp) throws IOException {
        String section = ReadmeBlock.section("## Mean-field runs");
        int from = section.indexOf("echo '");
        int to = section.indexOf("' > pr64.json");
        assertTrue(from >= 0 && to > from, "the README's echo line of pr64.json");
        Files.writeString(tmp.resolve("pr64.json"), section.substring(from + 6, to));
        Run pr = run(tmp, "pr64", "meanfield", tmp.resolve("pr64.json").toString(), "--engine", "full");
        assertTrue(pr.report().at("/statistics/drift").asText().toLowerCase(Locale.ROOT).contains("phase"),
                "closed-form phase-retrieval drift: " + pr.report().at("/statistics/drift"));
        quotes("## Mean-field runs", "(p = 64, t ≤ 20) costs " + pr.report().at("/statistics/rhsEvaluations").asInt()
                + " right-hand sides");
    }

    @Test
    void correctedClosureExampleNumbersAreTodaysRuns(@TempDir Path tmp) throws IOException {
        String example = file("examples/meanfield/corrected-closure.json");
        Run corrected = run(tmp, "pr-corrected", "meanfield", example);
        String plainText = Files.readString(Path.of(example))
                .replace("\"closure\": \"low-rank\", \"basis\": \"m\", \"rank\": 1", "\"closure\": \"plain\"");
        assertTrue(plainText.contains("\"closure\": \"plain\""), "the README's sed line still applies");
        Files.writeString(tmp.resolve("pr-plain.json"), plainText);
        Run plain = run(tmp, "pr-plain", "meanfield", tmp.resolve("pr-plain.json").toString());
        String section = "## Corrected mean-field closure";
        quotes(section, "h rises to " + sig(corrected.at("h", 0.5), 2) + " by t = 0.5 and relaxes to "
                + sci(corrected.at("h", 3)) + " at t = 3");
        quotes(section, "the risk at t = 1 is " + sig(corrected.at("risk", 1), 3) + " corrected against "
                + sig(plain.at("risk", 1), 3) + " plain (final risk " + sig(corrected.at("risk", 3), 4) + " and "
                + sig(plain.at("risk", 3), 4) + ")");
        assertTrue(plain.report().get("warnings").toString().contains("is not small"), "the plain run warns");
        assertTrue(!corrected.report().get("warnings").toString().contains("is not small"),
                "the corrected run does not warn");
    }
}
