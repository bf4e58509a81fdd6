package org.sgdlimits.study.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.experiment.json.JsonFields;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.Trajectory;

/** Expanding sweep files into cells: order, keys, seeds, resume and bad input, on a small test command. */
class SweepPlanTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A test command: experiment {"rate": r > 0, "level": l (default 1), "noisy": false}; risk(t) = l e^{-r t}
     * on t = 0..10 (+ a seed-dependent shift when noisy); "fail": true throws when run.
     */
    static final class DecayCommand implements CellCommand {
        @Override
        public String id() {
            return "decay";
        }

        @Override
        public String baseDescription() {
            return "{rate, level, noisy, fail}";
        }

        @Override
        public Set<Summary.Kind> summaries() {
            return EnumSet.of(Summary.Kind.FINAL_RISK, Summary.Kind.TIME_TO_THRESHOLD, Summary.Kind.DIVERGED);
        }

        @Override
        public CellTask prepare(JsonNode experiment, JsonNode options) {
            JsonFields f = new JsonFields(experiment, "");
            double rate = f.number("rate", 1);
            double level = f.number("level", 1);
            boolean noisy = f.bool("noisy", false);
            boolean fail = f.bool("fail", false);
            f.finish();
            if (!(rate > 0)) {
                throw new ExperimentException("rate", rate + "; must be > 0");
            }
            ObjectNode e = JsonNodeFactory.instance.objectNode();
            e.put("rate", rate);
            e.put("level", level);
            e.put("noisy", noisy);
            e.put("fail", fail);
            return CellTask.of(e, JsonNodeFactory.instance.objectNode(), (cellSeed, seeds) -> {
                if (fail) {
                    throw new IllegalStateException("asked to fail");
                }
                List<SeedOutcome> out = new ArrayList<>();
                for (int r = 0; r < seeds; r++) {
                    double shift = noisy ? (new java.util.SplittableRandom(cellSeed + r).nextDouble() - 0.5) : 0;
                    Trajectory.Builder b = new Trajectory.Builder(List.of("risk"));
                    for (int i = 0; i <= 10; i++) {
                        b.add(i, new double[] {level * Math.exp(-rate * i) + shift * 1e-3});
                    }
                    out.add(SeedOutcome.of(b.build(RunStatus.completed(10))));
                }
                return out;
            });
        }
    }

    static final CellCommandTable TABLE = CellCommandTable.of(new DecayCommand());

    private static SweepDefinition sweep(String json) throws Exception {
        return SweepDefinition.fromJson(JSON.readTree(json), Path.of("."), TABLE);
    }

    @Test
    void crossModeVariesTheLastAxisFastestAndZipPairsValues() throws Exception {
        SweepPlan cross = SweepPlan.of(sweep("{\"command\": \"decay\", \"base\": {}, \"axes\": ["
                + "{\"field\": \"rate\", \"values\": [1, 2, 3]}, {\"field\": \"level\", \"values\": [1, 2]}],"
                + "\"summaries\": [\"finalRisk\"]}"), TABLE);
        assertEquals(6, cross.cells().size());
        assertEquals(List.of(0, 0, 1, 1, 2, 2), cross.cells().stream().map(c -> c.axisIndex(0)).toList());
        assertEquals(List.of(0, 1, 0, 1, 0, 1), cross.cells().stream().map(c -> c.axisIndex(1)).toList());
        SweepPlan zip = SweepPlan.of(sweep("{\"command\": \"decay\", \"base\": {}, \"mode\": \"zip\", \"axes\": ["
                + "{\"field\": \"rate\", \"values\": [1, 2]}, {\"field\": \"level\", \"values\": [3, 4]}]}"), TABLE);
        assertEquals(2, zip.cells().size());
        assertEquals(4.0, zip.cells().get(1).task().resolved().get("experiment").get("level").doubleValue());
    }

    @Test
    void aCellsKeyAndSeedDependOnlyOnItsResolvedExperimentAndTheRootSeed() throws Exception {
        SweepPlan a = SweepPlan.of(sweep("{\"command\": \"decay\", \"base\": {}, \"axes\": ["
                + "{\"field\": \"rate\", \"values\": [1, 2]}, {\"field\": \"level\", \"values\": [1, 2]}]}"), TABLE);
        // other axis order, other values around it, level 1 given in the base, default written out
        SweepPlan b = SweepPlan.of(sweep("{\"command\": \"decay\", \"base\": {\"level\": 2}, \"axes\": ["
                + "{\"field\": \"rate\", \"values\": [5, 2.0, 1]}]}"), TABLE);
        SweepCell a3 = a.cells().get(3); // rate 2, level 2
        SweepCell b1 = b.cells().get(1); // rate 2.0, level 2
        assertEquals(a3.key(), b1.key());
        assertEquals(a3.seed(), b1.seed());
        Set<String> keys = new HashSet<>();
        a.cells().forEach(c -> keys.add(c.key()));
        assertEquals(4, keys.size());
        SweepPlan otherRoot = SweepPlan.of(sweep("{\"command\": \"decay\", \"base\": {\"level\": 2}, \"seed\": 7, "
                + "\"axes\": [{\"field\": \"rate\", \"values\": [2]}]}"), TABLE);
        assertEquals(a3.key(), otherRoot.cells().get(0).key());
        assertNotEquals(a3.seed(), otherRoot.cells().get(0).seed());
    }

    @Test
    void rangesExpandLinearLogAndIntegerAndTheResolvedSweepReadsBackEqual() throws Exception {
        SweepDefinition d = sweep("{\"command\": \"decay\", \"base\": {}, \"axes\": ["
                + "{\"field\": \"rate\", \"range\": {\"from\": 0.25, \"to\": 8, \"points\": 6, \"spacing\": \"log\"}},"
                + "{\"field\": \"level\", \"range\": {\"from\": 1, \"to\": 16, \"points\": 5, \"spacing\": \"log\"}}]}");
        assertEquals(List.of(0.25, 0.5, 1.0, 2.0, 4.0, 8.0), d.axes().get(0).values().stream()
                .map(JsonNode::doubleValue).toList());
        assertEquals("[1, 2, 4, 8, 16]", d.axes().get(1).values().toString());
        assertTrue(d.axes().get(1).values().get(0).isIntegralNumber());
        SweepDefinition back = SweepDefinition.fromJson(d.toJson(), Path.of("."), TABLE);
        assertEquals(d.toJson(), back.toJson());
    }

    @Test
    void badInputNamesTheAxisOrTheCellAndTheField() {
        ExperimentException unknown = assertThrows(ExperimentException.class, () -> SweepPlan.of(sweep(
                "{\"command\": \"decay\", \"base\": {}, \"axes\": [{\"field\": \"rte\", \"values\": [1]}]}"), TABLE));
        assertTrue(unknown.getMessage().startsWith("axes[0].field: 'rte' is not a field"), unknown.getMessage());
        ExperimentException empty = assertThrows(ExperimentException.class, () -> sweep(
                "{\"command\": \"decay\", \"base\": {}, \"axes\": [{\"field\": \"rate\", \"values\": []}]}"));
        assertTrue(empty.getMessage().startsWith("axes[0].values: empty"), empty.getMessage());
        ExperimentException invalid = assertThrows(ExperimentException.class, () -> SweepPlan.of(sweep(
                "{\"command\": \"decay\", \"base\": {}, \"axes\": [{\"field\": \"rate\", \"values\": [1, -2]}]}"),
                TABLE));
        assertEquals("cell 1 (rate = -2): rate: -2.0; must be > 0", invalid.getMessage());
        ExperimentException command = assertThrows(ExperimentException.class, () -> sweep(
                "{\"command\": \"dmf\", \"base\": {}, \"axes\": [{\"field\": \"rate\", \"values\": [1]}]}"));
        assertEquals("command: unknown command 'dmf'; allowed: decay", command.getMessage());
        ExperimentException same = assertThrows(ExperimentException.class, () -> SweepPlan.of(sweep(
                "{\"command\": \"decay\", \"base\": {}, \"axes\": [{\"field\": \"rate\", \"values\": [1, 1.0]}]}"),
                TABLE));
        assertTrue(same.getMessage().contains("cells 0 and 1 resolve to the same experiment"), same.getMessage());
        ExperimentException summary = assertThrows(ExperimentException.class, () -> sweep(
                "{\"command\": \"decay\", \"base\": {}, \"axes\": [{\"field\": \"rate\", \"values\": [1]}], "
                        + "\"summaries\": [\"plateauLength\"]}"));
        assertTrue(summary.getMessage().startsWith("summaries[0]: 'plateauLength' is not available for command "
                + "decay"), summary.getMessage());
        ExperimentException zip = assertThrows(ExperimentException.class, () -> sweep(
                "{\"command\": \"decay\", \"base\": {}, \"mode\": \"zip\", \"axes\": [{\"field\": \"rate\", "
                        + "\"values\": [1, 2]}, {\"field\": \"level\", \"values\": [1]}]}"));
        assertTrue(zip.getMessage().startsWith("axes[1]: 1 values; in zip mode"), zip.getMessage());
    }

    @Test
    void storedCellsAreSkippedFailedOnesRetriedAndResultsDoNotDependOnThreadsOrOrder(@TempDir Path tmp)
            throws Exception {
        String text = "{\"command\": \"decay\", \"base\": {\"noisy\": true}, \"seeds\": 3, \"axes\": ["
                + "{\"field\": \"rate\", \"values\": [0.5, 1, 2]}, {\"field\": \"fail\", \"values\": [false, true]}],"
                + "\"summaries\": [\"finalRisk\", {\"summary\": \"timeToThreshold\", \"threshold\": 0.1}]}";
        SweepPlan plan = SweepPlan.of(sweep(text), TABLE);
        CellStore one = new CellStore(tmp.resolve("one"));
        new LocalExecutor(1).run(plan.cells(), plan.definition(), one, (c, r) -> { });
        SweepResults r1 = SweepResults.read(plan, one);
        assertEquals(3, r1.count("completed"));
        assertEquals(3, r1.count("failed"));
        assertEquals("asked to fail", r1.result(1).message());
        // failed cells are pending again; finished ones are not
        assertEquals(List.of(1, 3, 5), one.pending(plan).stream().map(SweepCell::index).toList());

        CellStore two = new CellStore(tmp.resolve("two"));
        List<SweepCell> reversed = new ArrayList<>(plan.cells());
        java.util.Collections.reverse(reversed);
        new LocalExecutor(2).run(reversed, plan.definition(), two, (c, r) -> { });
        assertEquals(withoutWallTime(SweepMerge.table(r1).toCsv()),
                withoutWallTime(SweepMerge.table(SweepResults.read(plan, two)).toCsv()));
        // the t = 10 risk of rate 0.5 is e^-5 plus a seed shift: the three seeds differ
        double[] finals = r1.result(0).values().get("finalRisk");
        assertNotEquals(finals[0], finals[1]);
        assertEquals(Math.exp(-5), SeedAverage.of(finals).mean(), 1e-3);
        // a stored cell is kept: no temporary directories are left and one directory per finished cell
        try (var s = Files.list(tmp.resolve("one"))) {
            assertEquals(6, s.filter(p -> !p.getFileName().toString().startsWith(".")).count());
        }
    }

    static String withoutWallTime(String csv) {
        StringBuilder b = new StringBuilder();
        List<String> header = List.of(csv.split("\n", 2)[0].split(","));
        int wall = header.indexOf(SweepMerge.WALL_SECONDS);
        for (String line : csv.split("\n")) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(wall);
            b.append(String.join(",", cells)).append('\n');
        }
        return b.toString();
    }
}
