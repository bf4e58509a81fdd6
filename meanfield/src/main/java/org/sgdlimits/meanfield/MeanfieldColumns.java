package org.sgdlimits.meanfield;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Every column a mean-field trajectory can carry after {@code t} (docs/theory.md §5, §3.11, docs/closure.md),
 * with the runs that write it: the one list that the command's help and the tests read, built from the names
 * the engines write ({@link ParticleSystem#COLUMNS}, {@link ParticleSystem#CORRECTION_COLUMN},
 * {@link ParticleSystem#BIAS_COLUMN}; the latent closure's H_a_b).
 */
public final class MeanfieldColumns {
    /** The name of the latent closure's columns as documented: H_a_b for a, b &lt; rank. */
    public static final String LATENT = "H_a_b";
    private static final Pattern LATENT_NAME = Pattern.compile("H_[0-9]+_[0-9]+");

    /** A documented column (a name, or {@link #LATENT} for a family) and the runs that write it. */
    public record Column(String name, String writtenBy) {
    }

    private MeanfieldColumns() {
    }

    /** Every column after t, in the order the writers put them. */
    public static List<Column> all() {
        List<String> base = ParticleSystem.COLUMNS;
        return List.of(new Column(base.get(0), "every run"), new Column(base.get(1), "every run"),
                new Column(base.get(2), "every run"), new Column(base.get(3), "every run"),
                new Column(ParticleSystem.CORRECTION_COLUMN, "low-rank closure of phase retrieval"),
                new Column(LATENT, "low-rank closure of erf and other activations, a, b < rank"),
                new Column(ParticleSystem.BIAS_COLUMN, "particles with biases: the mean of b_i"));
    }

    /** One line for help texts: "t,risk,… then h (…), H_a_b (…), mean_b (…)". */
    public static String describe() {
        StringBuilder always = new StringBuilder("t");
        StringBuilder extra = new StringBuilder();
        for (Column c : all()) {
            if (c.writtenBy().equals("every run")) {
                always.append(',').append(c.name());
            } else {
                extra.append(extra.length() == 0 ? "; " : ", ").append(c.name()).append(" (").append(c.writtenBy())
                        .append(')');
            }
        }
        return always + extra.toString();
    }

    /** Whether a written column name is documented (t, a name of {@link #all()} or an instance of H_a_b). */
    public static boolean documents(String column) {
        if (column.equals("t") || LATENT_NAME.matcher(column).matches()) {
            return true;
        }
        return all().stream().anyMatch(c -> c.name().equals(column));
    }
}
