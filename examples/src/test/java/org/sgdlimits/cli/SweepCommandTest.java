package org.sgdlimits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sgdlimits sweep} end to end on small ODE sweeps. */
class SweepCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** erf k = p = 1 from an explicit start, t ≤ 5: milliseconds per cell. */
    static final String BASE = "{\"teacher\": {\"activation\": \"erf\", \"k\": 1}, \"student\": {\"activation\": \"erf\", "
            + "\"p\": 1}, \"initial\": {\"M\": [[0.1]], \"Q\": [[0.5]]}, \"time\": {\"end\": 5, \"points\": 20, "
            + "\"spacing\": \"log\", \"start\": 0.05}}";

    static Path write(Path dir, String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    static List<String> rows(Path csv) throws Exception {
        return Files.readAllLines(csv);
    }

    @Test
    void aCellIsTheOdeCommandsRunAndRerunningSkipsFinishedCells(@TempDir Path tmp) throws Exception {
        Path sweep = write(tmp, "s.json", "{\"command\": \"ode\", \"base\": " + BASE + ", \"axes\": ["
                + "{\"field\": \"learningRate\", \"values\": [0.5, 1]}, {\"field\": \"noise\", \"values\": [0, 0.1]}],"
                + "\"summaries\": [\"finalRisk\", \"finalExcessRisk\", \"diverged\"]}");
        Path out = tmp.resolve("out");
        CliRun first = CliRun.of("sweep", sweep.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("4 cells x 1 seeds; 0 finished, 4 to run"), first.out());
        List<String> table = rows(out.resolve("cells.csv"));
        assertEquals(5, table.size());
        assertTrue(table.get(0).startsWith("cell,key,learningRate,noise,status,seeds,finalRisk,finalRisk_se,finalRisk_n,"));

        // cell 3 (learningRate 1, noise 0.1) gives exactly the ode command's final risk
        Path single = write(tmp, "one.json", BASE.replace("\"time\"", "\"learningRate\": 1, \"noise\": 0.1, \"time\""));
        CliRun ode = CliRun.of("ode", single.toString(), "--out", tmp.resolve("ode").toString(), "-q", "--no-charts");
        assertEquals(0, ode.exitCode(), ode.err());
        double odeRisk = JSON.readTree(tmp.resolve("ode/run.json").toFile()).get("results").get("finalRisk").doubleValue();
        String[] cell3 = table.get(4).split(",");
        assertEquals("completed", cell3[4]);
        assertEquals(odeRisk, Double.parseDouble(cell3[6]), 0);

        JsonNode report = JSON.readTree(out.resolve("sweep.json").toFile());
        assertEquals(4, report.get("counts").get("completed").intValue());
        for (String summary : List.of("finalRisk", "finalExcessRisk", "diverged")) { // two axes: a phase diagram each
            java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(out.resolve(summary + ".png").toFile());
            assertEquals(900, png.getWidth());
            assertTrue(report.get("files").has(summary + ".png"));
        }
        Path cellJson = out.resolve("cells").resolve(cell3[1]).resolve("cell.json");
        long written = Files.getLastModifiedTime(cellJson).toMillis();

        CliRun again = CliRun.of("sweep", sweep.toString(), "--out", out.toString(), "--resume");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("4 finished, 0 to run"), again.out());
        assertEquals(written, Files.getLastModifiedTime(cellJson).toMillis());
        assertEquals(SweepCsv.withoutWallTime(table), SweepCsv.withoutWallTime(rows(out.resolve("cells.csv"))));
    }

    @Test
    void cellsThatFailAreListedAndRetriedWhileTheOthersAreKept(@TempDir Path tmp) throws Exception {
        Path sweep = write(tmp, "s.json", "{\"command\": \"ode\", \"base\": " + BASE + ", \"axes\": ["
                + "{\"field\": \"integrator.maxEvaluations\", \"values\": [20, 100000]}]}");
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("sweep", sweep.toString(), "--out", out.toString(), "-q");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("cell 0 (integrator.maxEvaluations = 20) failed: the integration stopped"),
                run.err());
        assertTrue(run.out().contains("1 completed, 0 diverged, 1 failed, 0 pending"), run.out());
        JsonNode report = JSON.readTree(out.resolve("sweep.json").toFile());
        assertTrue(report.get("failed").get(0).get("error").asText().contains("evaluation budget"));
        List<String> table = rows(out.resolve("cells.csv"));
        assertTrue(table.get(1).contains(",failed,"), table.get(1));
        assertTrue(table.get(2).contains(",completed,"), table.get(2));
        assertTrue(Files.isRegularFile(out.resolve("finalRisk.png"))); // one axis: a line chart per summary
        CliRun retry = CliRun.of("sweep", sweep.toString(), "--out", out.toString(), "--no-charts");
        assertTrue(retry.out().contains("1 finished, 1 to run"), retry.out());
    }

    @Test
    void badSweepsWriteNothingAndSayWhatIsWrongInOneLine(@TempDir Path tmp) throws Exception {
        String[][] cases = {
            {"{\"command\": \"ode\", \"base\": " + BASE + ", \"axes\": [{\"field\": \"student.width\", \"values\": [1]}]}",
                "sgdlimits sweep: axes[0].field: 'student.width' is not a field of the experiment"},
            {"{\"command\": \"ode\", \"base\": " + BASE + ", \"axes\": [{\"field\": \"learningRate\", \"values\": []}]}",
                "sgdlimits sweep: axes[0].values: empty"},
            {"{\"command\": \"ode\", \"base\": " + BASE + ", \"axes\": [{\"field\": \"learningRate\", \"values\": [0.5, 0]}]}",
                "sgdlimits sweep: cell 1 (learningRate = 0): learningRate:"},
            {"{\"command\": \"ode\", \"base\": " + BASE + ", \"axes\": [{\"field\": \"student.p\", \"values\": [1, 2]}]}",
                "sgdlimits sweep: cell 1 (student.p = 2): initial.M:"},
            {"{\"command\": \"fit\", \"base\": " + BASE + ", \"axes\": [{\"field\": \"learningRate\", \"values\": [1]}]}",
                "sgdlimits sweep: command: unknown command 'fit'; allowed: ode, simulate, meanfield, escape, dmft"},
            {"{\"command\": \"dmft\", \"base\": " + BASE + ", \"axes\": [{\"field\": \"learningRate\", \"values\": [1]}]}",
                "sgdlimits sweep: cell 0 (learningRate = 1): dmft: missing; 'sgdlimits dmft' needs a \"dmft\" section"},
            {"{\"command\": \"ode\", \"base\": \"missing.json\", \"axes\": [{\"field\": \"learningRate\", \"values\": [1]}]}",
                "sgdlimits sweep: base: experiment file not found"},
        };
        for (String[] c : cases) {
            Path sweep = write(tmp, "bad.json", c[0]);
            Path out = tmp.resolve("never");
            CliRun run = CliRun.of("sweep", sweep.toString(), "--out", out.toString());
            assertEquals(2, run.exitCode(), c[0]);
            assertTrue(run.err().startsWith(c[1]), run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertFalse(Files.exists(out), c[0]);
        }
        CliRun notASweepDir = CliRun.of("sweep", tmp.toString(), "--merge");
        assertEquals(2, notASweepDir.exitCode());
        assertTrue(notASweepDir.err().contains("holds no sweep"), notASweepDir.err());
    }

    @Test
    void simulateAndEscapeCellsRunTheirCommandsCodeAndDoNotDependOnThreads(@TempDir Path tmp) throws Exception {
        Path sim = write(tmp, "sim.json", "{\"command\": \"simulate\", \"base\": " + BASE + ", \"options\": "
                + "{\"engine\": \"gram\", \"dimension\": 200}, \"seeds\": 3, \"axes\": [{\"field\": "
                + "\"learningRate\", \"values\": [0.5, 1, 1.5]}], \"summaries\": [\"finalRisk\", \"diverged\"]}");
        CliRun one = CliRun.of("sweep", sim.toString(), "--out", tmp.resolve("one").toString(), "--threads", "1", "-q");
        CliRun two = CliRun.of("sweep", sim.toString(), "--out", tmp.resolve("two").toString(), "--threads", "2", "-q");
        assertEquals(0, one.exitCode(), one.err());
        assertEquals(0, two.exitCode(), two.err());
        List<String> table = rows(tmp.resolve("one/cells.csv"));
        assertEquals(SweepCsv.withoutWallTime(table), SweepCsv.withoutWallTime(rows(tmp.resolve("two/cells.csv"))));
        String[] row = table.get(1).split(",");
        assertEquals("3", row[4]);
        assertTrue(Double.parseDouble(row[6]) > 0, table.get(1)); // the standard error over 3 SGD seeds

        Path esc = write(tmp, "esc.json", "{\"command\": \"escape\", \"base\": {\"p\": 4, \"g\": 0.1, "
                + "\"dimension\": 1000}, \"axes\": [{\"field\": \"p\", \"values\": [2, 4]}]}");
        CliRun e = CliRun.of("sweep", esc.toString(), "--out", tmp.resolve("esc").toString(), "-q");
        assertEquals(0, e.exitCode(), e.err());
        double expected = new org.sgdlimits.meanfield.escape.EscapeTime(
                org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalModel.plain(4, 0.1, 0),
                org.sgdlimits.narrow.phaseretrieval.EscapeCriterion.overlap(0.5), 1).typical(1000).time();
        assertEquals(expected, Double.parseDouble(rows(tmp.resolve("esc/cells.csv")).get(2).split(",")[5]), 0);
    }

    @Test
    void aMeanfieldCellIsTheMeanfieldCommandsRun(@TempDir Path tmp) throws Exception {
        Path example = Path.of("..", "examples", "meanfield", "one-particle.json").toAbsolutePath().normalize();
        Path sweep = write(tmp, "mf.json", "{\"command\": \"meanfield\", \"base\": \"" + example + "\", "
                + "\"options\": {\"engine\": \"full\"}, \"axes\": [{\"field\": \"learningRate\", "
                + "\"values\": [0.25, 0.5]}], \"summaries\": [\"finalRisk\"]}");
        CliRun run = CliRun.of("sweep", sweep.toString(), "--out", tmp.resolve("out").toString(), "-q");
        assertEquals(0, run.exitCode(), run.err());
        CliRun mf = CliRun.of("meanfield", example.toString(), "--engine", "full", "--out",
                tmp.resolve("mf").toString(), "-q");
        assertEquals(0, mf.exitCode(), mf.err());
        double risk = JSON.readTree(tmp.resolve("mf/run.json").toFile()).get("results").get("final_risk").doubleValue();
        assertEquals(risk, Double.parseDouble(rows(tmp.resolve("out/cells.csv")).get(2).split(",")[5]), 0);
        CliRun bad = CliRun.of("sweep", write(tmp, "bad.json", "{\"command\": \"meanfield\", \"base\": \""
                + example + "\", \"options\": {\"engine\": \"pd\"}, \"axes\": [{\"field\": \"noise\", "
                + "\"values\": [0]}]}").toString(), "--out", tmp.resolve("never").toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("options.engine: unknown engine 'pd'"), bad.err());
    }

    /** cells.csv lines without the wall_seconds column (the one column that varies between identical runs). */
    static final class SweepCsv {
        static List<String> withoutWallTime(List<String> lines) {
            int wall = List.of(lines.get(0).split(",")).indexOf("wall_seconds");
            return lines.stream().map(l -> {
                List<String> cells = new java.util.ArrayList<>(List.of(l.split(",", -1)));
                cells.remove(wall);
                return String.join(",", cells);
            }).toList();
        }
    }
}
