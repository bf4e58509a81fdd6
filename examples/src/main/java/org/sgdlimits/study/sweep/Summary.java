package org.sgdlimits.study.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.experiment.json.JsonFields;
import org.sgdlimits.trajectory.Trajectory;

/**
 * One per-cell summary of a sweep, computed per seed from a {@link SeedOutcome} and averaged over seeds (mean
 * and standard error in cells.csv). A seed for which a summary is undefined (e.g. the final risk of a diverged
 * run, the time to a threshold never reached) gives NaN and is left out of that summary's average; the
 * {@code _n} column counts the seeds that entered.
 *
 * <p>The column "risk" means the trajectory's "risk" column or, for commands that record a test risk instead
 * ({@code dmft}), its "test_risk" column.
 *
 * <ul>
 *   <li>{@code finalRisk}, {@code finalExcessRisk}: the last recorded "risk" / "excess_risk" (undefined when the
 *   run diverged);</li>
 *   <li>{@code finalTrainLoss}: the last recorded "train_loss" (commands that reuse a data set: {@code dmft};
 *   undefined when the run diverged);</li>
 *   <li>{@code earlyStopping}: the recorded time of the smallest "risk" (the test risk for {@code dmft}), the
 *   first such time on ties; {@code earlyStoppingRisk}: the risk there. Both are defined for a diverged run
 *   (the minimum before the divergence);</li>
 *   <li>{@code timeToThreshold} ({@code threshold}, {@code column} default "risk"): the first time the column is
 *   at or below the threshold, linear between recorded times;</li>
 *   <li>{@code plateauLength} ({@code band}, default 0.25; {@code column}, default "risk"): the time the run
 *   spends within a factor 1 + band of its plateau level, the level of its flattest stretch in log–log after it
 *   has left its start (undefined when it never leaves the plateau): {@link TrajectoryMeasures#plateau};</li>
 *   <li>{@code escapeTime}: the escape time the command measures ({@code escape}), otherwise the end of that
 *   plateau;</li>
 *   <li>{@code diverged}: 1 for a diverged run, 0 otherwise (its mean is the fraction of seeds that diverged).</li>
 * </ul>
 *
 * @param kind      what is computed
 * @param name      column name in cells.csv (default: the kind's id)
 * @param threshold level of {@code timeToThreshold}; band of {@code plateauLength}/{@code escapeTime}
 * @param column    trajectory column of {@code timeToThreshold}, {@code plateauLength} and {@code escapeTime}
 */
public record Summary(Kind kind, String name, double threshold, String column) {
    /** Default relative half-width of the plateau band. */
    public static final double DEFAULT_BAND = 0.25;

    /** The summaries. */
    public enum Kind {
        FINAL_RISK("finalRisk"),
        FINAL_EXCESS_RISK("finalExcessRisk"),
        TIME_TO_THRESHOLD("timeToThreshold"),
        ESCAPE_TIME("escapeTime"),
        PLATEAU_LENGTH("plateauLength"),
        DIVERGED("diverged"),
        FINAL_TRAIN_LOSS("finalTrainLoss"),
        EARLY_STOPPING("earlyStopping"),
        EARLY_STOPPING_RISK("earlyStoppingRisk");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        static Kind parse(String field, String s) {
            for (Kind k : values()) {
                if (k.id.equals(s)) {
                    return k;
                }
            }
            throw new ExperimentException(field, "unknown summary '" + s + "'; allowed: " + String.join(", ",
                    java.util.Arrays.stream(values()).map(Kind::id).toList()));
        }
    }

    /**
     * Reads one entry of the sweep file's "summaries": a name ("finalRisk") or an object
     * ({"summary": "timeToThreshold", "threshold": 1e-3, "column": "risk", "name": "t_1e-3"}).
     */
    static Summary parse(JsonNode node, String field) {
        if (node.isTextual()) {
            Kind kind = Kind.parse(field, node.textValue());
            if (kind == Kind.TIME_TO_THRESHOLD) {
                throw new ExperimentException(field, "timeToThreshold needs a threshold: write {\"summary\": "
                        + "\"timeToThreshold\", \"threshold\": 0.01}");
            }
            return new Summary(kind, kind.id(), defaultThreshold(kind), "risk");
        }
        JsonFields f = new JsonFields(node, field);
        String id = f.string("summary", null);
        if (id == null) {
            throw new ExperimentException(field + ".summary", "missing; the summary's name, e.g. \"finalRisk\"");
        }
        Kind kind = Kind.parse(field + ".summary", id);
        double threshold;
        if (kind == Kind.TIME_TO_THRESHOLD) {
            if (!f.has("threshold")) {
                throw new ExperimentException(field + ".threshold", "missing; the level to reach, e.g. 0.01");
            }
            threshold = f.number("threshold", Double.NaN);
        } else if (kind == Kind.PLATEAU_LENGTH || kind == Kind.ESCAPE_TIME) {
            threshold = f.number("band", DEFAULT_BAND);
            if (!(threshold > 0)) {
                throw new ExperimentException(field + ".band", threshold + "; must be > 0");
            }
        } else {
            threshold = Double.NaN;
        }
        String column = kind == Kind.TIME_TO_THRESHOLD || kind == Kind.PLATEAU_LENGTH || kind == Kind.ESCAPE_TIME
                ? f.string("column", "risk") : "risk";
        String name = f.string("name", kind.id());
        if (!name.matches("[A-Za-z][A-Za-z0-9_.-]*")) {
            throw new ExperimentException(field + ".name", "'" + name + "'; must start with a letter and hold only "
                    + "letters, digits, '_', '.', '-'");
        }
        f.finish();
        return new Summary(kind, name, threshold, column);
    }

    private static double defaultThreshold(Kind kind) {
        return kind == Kind.PLATEAU_LENGTH || kind == Kind.ESCAPE_TIME ? DEFAULT_BAND : Double.NaN;
    }

    /** The summary as written in the resolved sweep (every parameter filled in). */
    JsonNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("summary", kind.id());
        o.put("name", name);
        if (kind == Kind.TIME_TO_THRESHOLD) {
            o.put("threshold", threshold);
        } else if (kind == Kind.PLATEAU_LENGTH || kind == Kind.ESCAPE_TIME) {
            o.put("band", threshold);
        }
        if (kind == Kind.TIME_TO_THRESHOLD || kind == Kind.PLATEAU_LENGTH || kind == Kind.ESCAPE_TIME) {
            o.put("column", column);
        }
        return o;
    }

    /** The summary of one seed; NaN where it is undefined (see the class comment). */
    public double value(SeedOutcome o) {
        Trajectory t = o.trajectory();
        boolean diverged = o.status().diverged();
        String col = t == null ? column : column(t, column);
        return switch (kind) {
            case DIVERGED -> diverged ? 1 : 0;
            case FINAL_RISK -> diverged || t == null ? Double.NaN : TrajectoryMeasures.last(t, column(t, "risk"));
            case FINAL_EXCESS_RISK -> diverged || t == null ? Double.NaN : TrajectoryMeasures.last(t, "excess_risk");
            case FINAL_TRAIN_LOSS -> diverged || t == null ? Double.NaN : TrajectoryMeasures.last(t, "train_loss");
            case EARLY_STOPPING, EARLY_STOPPING_RISK -> {
                int best = t == null ? -1 : TrajectoryMeasures.argmin(t, column(t, "risk"));
                yield best < 0 ? Double.NaN
                        : kind == Kind.EARLY_STOPPING ? t.time(best) : t.value(best, column(t, "risk"));
            }
            case TIME_TO_THRESHOLD -> t == null ? Double.NaN : TrajectoryMeasures.firstTimeAtOrBelow(t, col, threshold);
            case PLATEAU_LENGTH -> {
                TrajectoryMeasures.Plateau p = t == null ? null : TrajectoryMeasures.plateau(t, col, threshold);
                yield p == null ? Double.NaN : p.length();
            }
            case ESCAPE_TIME -> {
                if (t == null || !Double.isNaN(o.escapeTime())) {
                    yield o.escapeTime();
                }
                TrajectoryMeasures.Plateau p = TrajectoryMeasures.plateau(t, col, threshold);
                yield p == null ? Double.NaN : p.end();
            }
        };
    }

    /**
     * The trajectory column a summary reads for {@code name}: "risk" is the test risk "test_risk" of a trajectory
     * that records no "risk" (dmft); any other name is itself.
     */
    static String column(Trajectory t, String name) {
        return name.equals("risk") && !t.hasColumn("risk") && t.hasColumn("test_risk") ? "test_risk" : name;
    }

    /** Checks that the trajectory-based summaries name a column the command records. */
    void requireColumn(Trajectory t, String field) {
        if (t != null && (kind == Kind.TIME_TO_THRESHOLD || kind == Kind.PLATEAU_LENGTH)
                && !t.hasColumn(column(t, column))) {
            throw new ExperimentException(field + ".column", "'" + column + "' is not a recorded column; allowed: "
                    + String.join(", ", t.columns()));
        }
    }

    @Override
    public String toString() {
        return kind == Kind.TIME_TO_THRESHOLD
                ? name + " (" + column + " <= " + String.format(Locale.ROOT, "%g", threshold) + ")" : name;
    }
}
