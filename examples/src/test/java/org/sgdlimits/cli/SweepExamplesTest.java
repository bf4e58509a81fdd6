package org.sgdlimits.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sgdlimits.study.sweep.SweepDefinition;
import org.sgdlimits.study.sweep.SweepPlan;

/** Every shipped sweep (examples/sweeps) is valid cell by cell and has its command and picture in the README. */
class SweepExamplesTest {

    @Test
    void everyShippedSweepIsValidAndInTheReadme() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String readme = Files.readString(root.resolve("README.md"));
        int start = readme.indexOf("## Sweeps and phase diagrams");
        assertTrue(start >= 0, "README has no sweep section");
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<Path> files;
        try (Stream<Path> s = Files.list(root.resolve("examples/sweeps"))) {
            files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 4, "sweep examples: " + files);
        for (Path f : files) {
            SweepPlan plan = SweepPlan.of(SweepDefinition.read(f, SweepCells.COMMANDS), SweepCells.COMMANDS);
            assertTrue(plan.cells().size() >= 2, f + ": " + plan.cells().size() + " cells");
            String name = f.getFileName().toString().replace(".json", "");
            assertTrue(section.contains("`./sgdlimits sweep examples/sweeps/" + name + ".json --out "),
                    name + " has no command in the README sweep section");
            assertTrue(section.contains("(docs/sweeps/" + name + ".png)")
                    && Files.isRegularFile(root.resolve("docs/sweeps/" + name + ".png")), name + " has no picture");
        }
    }
}
