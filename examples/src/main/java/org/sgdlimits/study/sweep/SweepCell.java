package org.sgdlimits.study.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * One cell of a sweep: its position, the index of its value on each axis, its key and seed, and the validated
 * task. Immutable.
 *
 * @param index      position in the sweep (row of cells.csv), from 0
 * @param axisIndex  index of this cell's value on each axis
 * @param key        {@link CellKey#of} of the resolved experiment
 * @param seed       {@link CellKey#seed}(root seed, key)
 * @param task       the validated computation
 */
public record SweepCell(int index, int[] axisIndex, String key, long seed, CellTask task) {
    public SweepCell {
        axisIndex = axisIndex.clone();
    }

    @Override
    public int[] axisIndex() {
        return axisIndex.clone();
    }

    /** Index of this cell's value on axis a. */
    public int axisIndex(int a) {
        return axisIndex[a];
    }

    /** "cell 3 (learningRate = 2, student.p = 4)" for messages. */
    public String describe(List<SweepAxis> axes) {
        List<String> parts = new ArrayList<>();
        for (int a = 0; a < axes.size(); a++) {
            parts.add(axes.get(a).field() + " = " + axes.get(a).text(axisIndex[a]));
        }
        return "cell " + index + " (" + String.join(", ", parts) + ")";
    }
}
