package org.sgdlimits.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.sgdlimits.meanfield.dmft.CommitteeModel;
import org.sgdlimits.meanfield.dmft.DmftEngine;
import org.sgdlimits.meanfield.dmft.DmftModel;
import org.sgdlimits.meanfield.dmft.Momentum;
import org.sgdlimits.study.SignificantDigits;
import org.sgdlimits.trajectory.Trajectory;

/**
 * summary.md of a {@code dmft} run: one Markdown bullet naming the experiment file and its settings, the final
 * training loss and test risk (± standard error for Monte Carlo), the smallest test risk and its step, and with
 * {@code --simulate} the simulation's final values (± standard error over data sets). The README's list of the
 * example runs is these bullets verbatim. Three significant digits throughout.
 */
final class DmftSummary {
    private DmftSummary() {
    }

    /**
     * @param file       the experiment file's name
     * @param dmft       the DMFT trajectory (at least one row)
     * @param sim        the simulation, or null
     * @param dimension  the simulation's d (ignored without a simulation)
     * @param simSeeds   the simulation's data sets (ignored without a simulation)
     */
    static String markdown(String file, DmftSettings s, Trajectory dmft, Trajectory sim, int dimension,
                           int simSeeds) {
        DmftModel m = s.model();
        StringBuilder b = new StringBuilder("- `").append(file).append("` (");
        b.append("α = ").append(num(m.alpha())).append(", ").append(m.loss().id()).append(" loss, ")
                .append(m.teacher().id()).append(" teacher, σ² = ").append(num(m.labelNoise()))
                .append(", λ = ").append(num(m.ridge())).append(", ").append(algorithm(s.algorithmJson()));
        if (m.momentum().kind() != Momentum.Kind.NONE) {
            b.append(", ").append(m.momentum().kind().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .append(" β = ").append(num(m.momentum().beta()));
        }
        double[] etas = m.stepSizes();
        boolean constant = java.util.Arrays.stream(etas).allMatch(x -> x == etas[0]);
        b.append(", ").append(constant ? "η = " + num(etas[0]) : "scheduled η").append(", ").append(m.steps())
                .append(" steps; ").append(s.exact() ? "exact closure" : "Monte Carlo S = " + s.paths() + " × "
                + s.seeds()).append("): ");
        return results(b, dmft, sim, dimension, simSeeds);
    }

    /**
     * The committee's bullet: p, k, activations and second layer, then the same results as {@link #markdown}.
     */
    static String committeeMarkdown(String file, DmftCommitteeSettings s, Trajectory dmft, Trajectory sim,
                                    int dimension, int simSeeds) {
        CommitteeModel m = s.model();
        StringBuilder b = new StringBuilder("- `").append(file).append("` (");
        b.append("committee of p = ").append(m.p()).append(' ').append(m.student().id()).append(" units, a = ")
                .append(vector(m.initial().studentSecondLayer())).append(", k = ").append(m.k()).append(' ')
                .append(m.teacher().id()).append(" teacher units, α = ").append(num(m.alpha()))
                .append(", square loss, Δ = ").append(num(m.labelNoise())).append(", λ = ").append(num(m.ridge()))
                .append(", ").append(algorithm(s.algorithmJson()));
        double[] etas = m.stepSizes();
        boolean constant = java.util.Arrays.stream(etas).allMatch(x -> x == etas[0]);
        b.append(", ").append(constant ? "η = " + num(etas[0]) : "scheduled η").append(", ").append(m.steps())
                .append(" steps; Monte Carlo S = ").append(s.paths()).append(" × ").append(s.seeds()).append("): ");
        return results(b, dmft, sim, dimension, simSeeds);
    }

    private static String vector(double[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            b.append(i > 0 ? ", " : "").append(num(v[i]));
        }
        return b.append(']').toString();
    }

    /** The results part of a bullet: final and smallest test risk, and the simulation's final values. */
    private static String results(StringBuilder b, Trajectory dmft, Trajectory sim, int dimension, int simSeeds) {
        if (dmft.status().diverged()) {
            b.append("diverged (").append(dmft.status().cause()).append("); ");
        }
        int last = dmft.size() - 1;
        int best = 0;
        for (int i = 1; i < dmft.size(); i++) {
            if (dmft.value(i, "test_risk") < dmft.value(best, "test_risk")) {
                best = i;
            }
        }
        b.append("at step ").append((int) dmft.value(last, DmftEngine.STEP)).append(" (t = ")
                .append(num(dmft.time(last))).append(") training loss ").append(value(dmft, last, "train_loss"))
                .append(" and test risk ").append(value(dmft, last, "test_risk")).append("; smallest test risk ")
                .append(value(dmft, best, "test_risk")).append(" at step ").append(best).append(" (t = ")
                .append(num(dmft.time(best))).append(')');
        if (sim != null && sim.size() > 0) {
            int end = sim.size() - 1;
            b.append("; simulation at d = ").append(dimension).append(" (").append(simSeeds)
                    .append(" data sets), step ").append(end).append(": training loss ")
                    .append(value(sim, end, "train_loss")).append(" and test risk ")
                    .append(value(sim, end, "test_risk"));
        }
        return b.append(".\n").toString();
    }

    /** "gd", "bernoulli (batchFraction 0.2)": the algorithm's kind and its parameters. */
    private static String algorithm(JsonNode json) {
        StringBuilder b = new StringBuilder(json.path("kind").asText("gd"));
        StringBuilder params = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("kind")) {
                params.append(params.length() > 0 ? ", " : "").append(e.getKey()).append(' ')
                        .append(e.getValue().isNumber() ? num(e.getValue().asDouble()) : e.getValue().asText());
            }
        }
        return params.length() > 0 ? b.append(" (").append(params).append(')').toString() : b.toString();
    }

    /** "0.238" or "0.238 ± 0.002" when the trajectory has a standard error column. */
    private static String value(Trajectory t, int row, String column) {
        String v = num(t.value(row, column));
        return t.hasColumn(column + "_sem")
                ? v + " ± " + SignificantDigits.of(t.value(row, column + "_sem"), 1) : v;
    }

    /** Three significant digits without trailing zeros: 0.2, 0.00564, 80, 2.4. */
    private static String num(double v) {
        return SignificantDigits.of(v, 3);
    }
}
