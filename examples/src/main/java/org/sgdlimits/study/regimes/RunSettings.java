package org.sgdlimits.study.regimes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code experiment} block of a study run's run.json, in the field names of experiment files (docs/theory.md §7)
 * where they exist, plus the study's own fields (dimension, seeds, engine, simulated window).
 */
final class RunSettings {
    private RunSettings() {
    }

    static ObjectNode of(String regime, int k, int p, double gamma, String odeRegime) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("study", "regimes");
        root.put("studyRegime", regime);
        ObjectNode teacher = root.putObject("teacher");
        teacher.put("activation", "erf");
        teacher.put("k", k);
        fill(teacher.putArray("secondLayer"), k);
        ArrayNode pm = teacher.putArray("P");
        for (int r = 0; r < k; r++) {
            ArrayNode row = pm.addArray();
            for (int s = 0; s < k; s++) {
                row.add(r == s ? 1.0 : 0.0);
            }
        }
        ObjectNode student = root.putObject("student");
        student.put("activation", "erf");
        student.put("p", p);
        fill(student.putArray("secondLayer"), p);
        student.put("trainSecondLayer", false);
        root.put("noise", RegimeStudySettings.LABEL_NOISE);
        root.put("learningRate", gamma);
        root.put("weightDecay", 0.0);
        root.put("batchSize", 1);
        root.put("regime", odeRegime);
        return root;
    }

    private static void fill(ArrayNode a, int n) {
        for (int i = 0; i < n; i++) {
            a.add(1.0);
        }
    }
}
