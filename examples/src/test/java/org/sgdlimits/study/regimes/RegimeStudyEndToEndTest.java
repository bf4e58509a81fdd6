package org.sgdlimits.study.regimes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlimits.cli.SgdLimits;
import picocli.CommandLine;

/**
 * Runs {@code sgdlimits regimes} end to end on the smallest sizes ({@link RegimeStudySettings#tiny()}: factor
 * 16 in γ and d, factor 4 in p, factor 8 in the multi-pass d; a long window at the largest γ and the smallest d) and checks the files it writes and the agreement it reports. The trends are
 * asserted with margins that random fluctuations cannot produce: where theory predicts a gap ratio of 4
 * (γ^½ over a factor 16 in γ; d^(−½) over a factor 16 in d; p⁻¹ over a factor 4 in p) the test asks for 2; for
 * the multi-pass d^(−½) over a factor 8 (ratio 2.8) it asks for 1.5.
 */
@Tag("statistical")
class RegimeStudyEndToEndTest {
    @TempDir
    static Path tmp;
    static Path out;
    static int exitCode;
    static String stdout;
    static Map<String, Map<Double, double[]>> gaps = new HashMap<>();

    @BeforeAll
    static void runTheTinyStudy() throws IOException {
        out = tmp.resolve("regimes");
        StringWriter so = new StringWriter();
        StringWriter se = new StringWriter();
        CommandLine cl = SgdLimits.commandLine();
        cl.setOut(new PrintWriter(so));
        cl.setErr(new PrintWriter(se));
        exitCode = cl.execute("regimes", "--tiny", "--threads", "2", "--out", out.toString());
        stdout = so.toString();
        assertEquals(0, exitCode, () -> "stdout:\n" + so + "\nstderr:\n" + se);
        List<String> lines = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals("regime,comparison,parameter_name,parameter,gap,gap_sem,mean_gap,seeds,fitted_slope,"
                + "expected_slope,window", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            gaps.computeIfAbsent(f[0] + "/" + f[1], x -> new HashMap<>()).put(Double.parseDouble(f[3]),
                    new double[] {Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                            Double.parseDouble(f[10])});
        }
    }

    private static double gap(String key, double parameter) {
        double[] g = gaps.get(key).get(parameter);
        assertTrue(g != null, () -> "no row " + key + " at " + parameter + " in " + gaps.keySet());
        return g[0];
    }

    @Test
    void classicalSgdApproachesGradientFlowAsLearningRateShrinks() {
        double large = gap("classical/SGD vs gradient flow", 0.05);
        double small = gap("classical/SGD vs gradient flow", 0.003125);
        assertTrue(small < large / 2, "gap at gamma = 0.003125: " + small + ", at 0.05: " + large);
        assertTrue(large < 0.02, "SGD at gamma = 0.05 within 2% rms of gradient flow: " + large);
    }

    @Test
    void highDimensionalSgdApproachesTheOdeAsDimensionGrows() {
        double small = gap("high-dimensional/SGD vs ODE (d \u2192 \u221e)", 100);
        double large = gap("high-dimensional/SGD vs ODE (d \u2192 \u221e)", 1600);
        assertTrue(large < small / 2, "gap at d = 1600: " + large + ", at d = 100: " + small);
        assertTrue(large < 0.005, "SGD at d = 1600 within 0.5% rms of the ODE: " + large);
    }

    @Test
    void longWindowsFollowTheTheoryIntoThePlateauAndReportTheirWindow() throws IOException {
        RegimeStudySettings tiny = RegimeStudySettings.tiny();
        double[] classical = gaps.get("classical/SGD vs gradient flow long window").get(0.05);
        double[] high = gaps.get("high-dimensional/SGD vs ODE (d \u2192 \u221e) long window").get(100.0);
        assertEquals(tiny.classical().longWindow().simulationTime(), classical[3], "classical long window");
        assertEquals(tiny.highDimensional().longWindow().simulationTime(), high[3], "high-dimensional long window");
        assertEquals(tiny.highDimensional().simulationTime(),
                gaps.get("high-dimensional/SGD vs ODE (d \u2192 \u221e)").get(100.0)[3], "short window");
        assertTrue(classical[0] < 0.02, "SGD at gamma = 0.05 within 2% rms of gradient flow up to t = 20: "
                + classical[0]);
        assertTrue(high[0] < 0.02, "SGD at d = 100 within 2% rms of the ODE up to t = 50: " + high[0]);
        for (String run : List.of("classical/gamma-0.05", "high-dimensional/d-100")) {
            double[] shortEnd = lastRow(out.resolve(run + "/simulation.csv"), "excess_risk", "risk_sem");
            double[] longEnd = lastRow(out.resolve(run + "-long/simulation.csv"), "excess_risk", "risk_sem");
            String theory = run.startsWith("classical") ? "gradient-flow.csv" : "ode.csv";
            double[] theoryEnd = lastRow(out.resolve(run + "-long/" + theory), "excess_risk");
            assertTrue(longEnd[0] < shortEnd[0] / 4, run + ": the long window goes on to the plateau: excess risk "
                    + longEnd[0] + " at its end vs " + shortEnd[0] + " at the end of the short window");
            assertEquals(theoryEnd[0], longEnd[0], 0.05 * theoryEnd[0] + 5 * longEnd[1],
                    run + ": excess risk at the end of the long window vs theory");
        }
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("| high-dimensional | SGD vs ODE (d \u2192 \u221e) long window | d = 100 | 50 |"), md);
        assertTrue(md.contains("t \u2264 50 at d = 100"), md);
    }

    /** The last row's values of the named columns of a CSV trajectory. */
    private static double[] lastRow(Path csv, String... columns) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        String[] last = lines.get(lines.size() - 1).split(",");
        double[] v = new double[columns.length];
        for (int i = 0; i < columns.length; i++) {
            int c = header.indexOf(columns[i]);
            assertTrue(c >= 0, csv + ": no column " + columns[i] + " in " + header);
            v[i] = Double.parseDouble(last[c]);
        }
        return v;
    }

    @Test
    void meanFieldParticlesAndSgdApproachTheFullOdeAsWidthGrows() {
        double closureNarrow = gap("mean-field/particles vs full ODE", 4);
        double closureWide = gap("mean-field/particles vs full ODE", 16);
        assertTrue(closureWide < closureNarrow / 1.5, "particles vs full ODE at p = 16: " + closureWide
                + ", at p = 4: " + closureNarrow);
        double sgdNarrow = gap("mean-field/SGD vs full ODE", 4);
        double sgdWide = gap("mean-field/SGD vs full ODE", 16);
        assertTrue(sgdWide < sgdNarrow / 2, "SGD vs full ODE at p = 16: " + sgdWide + ", at p = 4: " + sgdNarrow);
    }

    @Test
    void multiPassGradientDescentApproachesTheDmftAsDimensionGrows() {
        String key = "multi-pass/" + MultiPassRegime.COMPARISON.replace(',', ';'); // as summary.csv writes it
        double small = gap(key, 100);
        double large = gap(key, 800);
        assertTrue(large < small / 1.5, "GD vs DMFT at d = 800: " + large + ", at d = 100: " + small);
    }

    @Test
    void writesChartsCombinedFigureTablesAndRunReports() throws IOException {
        for (String f : List.of("regimes.png", "classical.png", "high-dimensional.png", "mean-field.png",
                "classical-gaps.png", "high-dimensional-gaps.png", "mean-field-gaps.png", "mean-field-snapshots-particles-p-64.png",
                "multi-pass.png", "multi-pass-gaps.png",
                "mean-field-snapshots-density-pde.png",
                "summary.csv", "summary.md", "run.json")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertFalse(Files.exists(out.resolve(RegimeStudyWriter.IN_PROGRESS)), "marker removed at the end");
        BufferedImage combined = ImageIO.read(out.resolve("regimes.png").toFile());
        assertEquals(2 * RegimeStudyWriter.WIDTH, combined.getWidth(), "one row per regime: curves and gaps");
        assertEquals(4 * RegimeStudyWriter.HEIGHT, combined.getHeight());
        ObjectMapper json = new ObjectMapper();
        JsonNode study = json.readTree(out.resolve("run.json").toFile());
        assertEquals("completed", study.at("/status/outcome").asText());
        assertTrue(study.at("/results/high-dimensional/0/fittedSlope").asDouble() < -0.25);
        int runs = 0;
        try (Stream<Path> files = Files.walk(out)) {
            for (Path runJson : files.filter(p -> p.getFileName().toString().equals("run.json")
                    && !p.getParent().equals(out)).toList()) {
                JsonNode r = json.readTree(runJson.toFile());
                assertEquals("completed", r.at("/status/outcome").asText(), runJson.toString());
                double noise = runJson.startsWith(out.resolve(MultiPassRegime.ID))
                        ? RegimeStudySettings.tiny().multiPass().labelNoise() : RegimeStudySettings.LABEL_NOISE;
                assertEquals(noise, r.at("/experiment/noise").asDouble(), runJson.toString());
                for (JsonNode file : r.get("outputs")) {
                    assertTrue(Files.exists(runJson.getParent().resolve(file.asText())), runJson + ": " + file);
                }
                runs++;
            }
        }
        assertEquals(2 + 1 + 2 + 1 + 2 + 1 + 1 + 2, runs,
                "one run.json per gamma, d, p, long window, the particle-only width, the PDE and multi-pass d");
        List<String> multiPass = Files.readAllLines(out.resolve("multi-pass/d-800/simulation.csv"));
        assertTrue(multiPass.get(0).contains("test_risk_sem"), multiPass.get(0));
        assertTrue(Files.exists(out.resolve("multi-pass/d-800/dmft.csv")));
        List<String> sim = Files.readAllLines(out.resolve("high-dimensional/d-1600/simulation.csv"));
        assertTrue(sim.get(0).startsWith("t,risk,excess_risk,") && sim.get(0).contains("risk_sem"), sim.get(0));
        assertEquals(RegimeStudySettings.tiny().highDimensional().points() + 1, sim.size());
        assertTrue(Files.readString(out.resolve("summary.md")).contains("| SGD vs gradient flow |"));
        assertTrue(stdout.contains("slope"), stdout);
    }

    @Test
    void badOptionWritesNothing() {
        Path target = tmp.resolve("never");
        CommandLine cl = SgdLimits.commandLine();
        StringWriter se = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(se));
        assertEquals(SgdLimits.BAD_INPUT, cl.execute("regimes", "--threads", "0", "--out", target.toString()));
        assertTrue(se.toString().contains("--threads"), se.toString());
        assertFalse(Files.exists(target));
    }

    @Test
    void correctedClosureRemovesMostOfTheParticleGapAtFixedLearningRate() {
        for (double p : new double[] {4, 16}) {
            double plain = gap("mean-field/particles vs full ODE", p);
            double corrected = gap("mean-field/corrected particles vs full ODE", p);
            assertTrue(corrected < plain / 10, "p = " + p + ": corrected " + corrected + ", plain " + plain);
        }
    }
}
