package org.sgdlimits.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.sgdlimits.study.sweep.CellCommand;
import org.sgdlimits.study.sweep.CellCommandTable;
import org.sgdlimits.study.sweep.CellResult;
import org.sgdlimits.study.sweep.CellRunner;
import org.sgdlimits.study.sweep.CellStore;
import org.sgdlimits.study.sweep.CellTask;
import org.sgdlimits.study.sweep.SeedOutcome;
import org.sgdlimits.study.sweep.Summary;
import org.sgdlimits.study.sweep.SweepCell;
import org.sgdlimits.study.sweep.SweepDefinition;
import org.sgdlimits.study.sweep.SweepPlan;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The per-cell overhead of a sweep (issue 10; target ≤ 50 ms locally): everything a cell costs besides its own
 * computation, for a cell whose computation is nothing (a fixed 200-row trajectory, 4 seeds):
 * <ul>
 *   <li>{@code runAndStore}: {@link CellRunner#run} (summaries per seed: final risk, time to a threshold,
 *   plateau length, diverged) plus {@link CellStore#write} (cell.json into a temporary directory, rename);</li>
 *   <li>{@code pending}: the resume check of one finished cell ({@link CellStore#read} and
 *   {@link CellResult#finishedFor}), as every run does for every cell;</li>
 *   <li>{@code planCell}: expanding and validating one cell of an ODE-like plan is measured by the CLI
 *   (sweep.json's overheadSecondsPerCell), not here.</li>
 * </ul>
 * Run e.g. {@code java -jar benchmarks/target/benchmarks.jar SweepCellBenchmark -f 1 -wi 2 -i 3}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class SweepCellBenchmark {

    /** A command whose cells compute nothing: a fixed trajectory per seed. */
    static final class FixedCommand implements CellCommand {
        private final Trajectory trajectory;

        FixedCommand() {
            Trajectory.Builder b = new Trajectory.Builder(List.of("risk", "excess_risk"));
            for (int i = 0; i < 200; i++) {
                double t = 0.1 * Math.pow(10, i / 50.0);
                double r = 0.1 / (1 + t * 1e-2) + 1e-3 * Math.exp(-t);
                b.add(t, new double[] {r, r});
            }
            trajectory = b.build(RunStatus.completed(1e3));
        }

        @Override
        public String id() {
            return "fixed";
        }

        @Override
        public String baseDescription() {
            return "{x}";
        }

        @Override
        public Set<Summary.Kind> summaries() {
            return EnumSet.allOf(Summary.Kind.class);
        }

        @Override
        public CellTask prepare(JsonNode experiment, JsonNode options) {
            return CellTask.of((ObjectNode) experiment, JsonNodeFactory.instance.objectNode(), (cellSeed, seeds) -> {
                List<SeedOutcome> out = new ArrayList<>();
                for (int r = 0; r < seeds; r++) {
                    out.add(SeedOutcome.of(trajectory));
                }
                return out;
            });
        }
    }

    /** A 1000-cell plan and a store in a temporary directory. */
    @State(Scope.Thread)
    public static class Cells {
        SweepPlan plan;
        CellStore store;
        Path dir;
        int next;

        @Setup(Level.Iteration)
        public void setUp() throws IOException {
            CellCommandTable table = CellCommandTable.of(new FixedCommand());
            SweepDefinition d = SweepDefinition.fromJson(JsonMapper.builder().build().readTree(
                    "{\"command\": \"fixed\", \"base\": {}, \"seeds\": 4, \"axes\": [{\"field\": \"x\", "
                            + "\"range\": {\"from\": 0, \"to\": 999, \"points\": 1000}}], \"summaries\": "
                            + "[\"finalRisk\", {\"summary\": \"timeToThreshold\", \"threshold\": 0.05}, "
                            + "\"plateauLength\", \"diverged\"]}"), Path.of("."), table);
            plan = SweepPlan.of(d, table);
            dir = Files.createTempDirectory("sweep-bench");
            store = new CellStore(dir.resolve("cells"));
            for (int i = 0; i < 100; i++) {
                SweepCell c = plan.cells().get(i);
                store.write(CellRunner.run(c, d));
            }
            next = 0;
        }

        @TearDown(Level.Iteration)
        public void tearDown() throws IOException {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }

        SweepCell nextCell() {
            SweepCell c = plan.cells().get(next);
            next = (next + 1) % plan.cells().size();
            return c;
        }
    }

    @Benchmark
    public CellResult runAndStore(Cells s) throws IOException {
        CellResult r = CellRunner.run(s.nextCell(), s.plan.definition());
        s.store.write(r);
        return r;
    }

    @Benchmark
    public boolean pending(Cells s) {
        SweepCell c = s.plan.cells().get(s.next);
        s.next = (s.next + 1) % 100;
        CellResult r = s.store.read(c.key());
        return r != null && r.finishedFor(s.plan.definition());
    }
}
