package org.sgdlimits.narrow.simulation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Hidden units are exchangeable: a seed whose student units specialised onto the teacher units in another order
 * than the reference's did the same thing under a relabelling, and averaging M over such seeds mixes rows that
 * are not the same unit (the plateau example gives a mean M of 0.75/0.25 against the ODE's 1/0). This class
 * finds, for one seed, the relabelling π of its student units that maximises the overlap of its M with the
 * reference's M summed over the recorded times both have,
 *
 * <pre>  π = argmax_π Σ_t Σ_i Σ_r M_ref(t)[i][r] · M_seed(t)[π(i)][r]  </pre>
 *
 * (a linear assignment problem, solved exactly in O(p³) by {@link LinearAssignment}), and relabels the seed's
 * columns: {@code M_i_r ← M_π(i)_r}, {@code Q_i_j ← Q_π(i)_π(j)}, {@code a_i ← a_π(i)}; risk and the other
 * columns are invariant. The identity is kept unless another permutation is better by more than round-off
 * (1e-12 relative), so a seed with exchangeable rows (e.g. on a symmetric plateau) is left as it is. Column names
 * follow docs/theory.md §7 ({@code M_i_r}, {@code Q_i_j}, {@code a_i}, 0-based).
 */
public final class UnitAlignment {
    private static final Pattern M_COLUMN = Pattern.compile("M_(\\d+)_(\\d+)");
    /** Relative margin by which a permutation must beat the identity to be used. */
    static final double ROUND_OFF = 1e-12;

    private UnitAlignment() {
    }

    /**
     * The relabelling of {@code seed}'s student units onto {@code reference}'s: seed unit π[i] plays reference
     * unit i. The identity when there is one student unit or no M column.
     *
     * @throws IllegalArgumentException if the two trajectories do not have the same M columns
     */
    public static int[] permutationOnto(Trajectory reference, Trajectory seed) {
        int[] shape = shape(reference);
        int p = shape[0];
        int k = shape[1];
        int[] identity = new int[p];
        for (int i = 0; i < p; i++) {
            identity[i] = i;
        }
        if (p <= 1) {
            return identity;
        }
        int[] seedShape = shape(seed);
        if (seedShape[0] != p || seedShape[1] != k) {
            throw new IllegalArgumentException("alignment: reference has M of " + p + "x" + k + " but the seed "
                    + seedShape[0] + "x" + seedShape[1]);
        }
        int[][] columns = mColumns(reference, p, k);
        int[][] seedColumns = mColumns(seed, p, k);
        int rows = Math.min(reference.size(), seed.size());
        double[][] score = new double[p][p];
        for (int t = 0; t < rows; t++) {
            double[] ref = reference.row(t);
            double[] own = seed.row(t);
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    double s = 0;
                    for (int r = 0; r < k; r++) {
                        s += ref[columns[i][r]] * own[seedColumns[j][r]];
                    }
                    score[i][j] += s;
                }
            }
        }
        for (double[] row : score) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return identity; // a diverged seed: nothing meaningful to match
                }
            }
        }
        int[] best = LinearAssignment.maximising(score);
        double bestScore = 0;
        double identityScore = 0;
        for (int i = 0; i < p; i++) {
            bestScore += score[i][best[i]];
            identityScore += score[i][i];
        }
        double margin = ROUND_OFF * (Math.abs(bestScore) + Math.abs(identityScore));
        return bestScore > identityScore + margin ? best : identity;
    }

    /** Whether π moves any unit. */
    public static boolean isIdentity(int[] permutation) {
        for (int i = 0; i < permutation.length; i++) {
            if (permutation[i] != i) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code t} with its student units relabelled: column M_i_r takes the values of M_π(i)_r, Q_i_j those of
     * Q_π(i)_π(j), a_i those of a_π(i) (each where present, {@code _sem} columns alike); other columns unchanged.
     */
    public static Trajectory relabelled(Trajectory t, int[] permutation) {
        if (isIdentity(permutation)) {
            return t;
        }
        List<String> columns = t.columns();
        Map<String, Integer> index = index(t);
        int[] source = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            Integer from = index.get(relabelledName(columns.get(c), permutation));
            source[c] = from == null ? c : from;
        }
        double[][] table = new double[t.size()][];
        for (int i = 0; i < t.size(); i++) {
            double[] row = t.row(i);
            double[] out = new double[row.length];
            for (int c = 0; c < out.length; c++) {
                out[c] = row[source[c]];
            }
            table[i] = out;
        }
        return new Trajectory(columns, t.times(), table, t.status());
    }

    /** The column whose values column {@code name} takes under π (the name itself for unit-free columns). */
    static String relabelledName(String name, int[] pi) {
        String suffix = name.endsWith("_sem") ? "_sem" : "";
        String base = name.substring(0, name.length() - suffix.length());
        String[] parts = base.split("_");
        try {
            if (parts.length == 3 && parts[0].equals("M")) {
                return "M_" + pi[Integer.parseInt(parts[1])] + "_" + parts[2] + suffix;
            }
            if (parts.length == 3 && parts[0].equals("Q")) {
                return "Q_" + pi[Integer.parseInt(parts[1])] + "_" + pi[Integer.parseInt(parts[2])] + suffix;
            }
            if (parts.length == 2 && parts[0].equals("a")) {
                return "a_" + pi[Integer.parseInt(parts[1])] + suffix;
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return name;
        }
        return name;
    }

    /** {p, k} from the M_i_r columns ({0, 0} without any). */
    private static int[] shape(Trajectory t) {
        int p = 0;
        int k = 0;
        for (String c : t.columns()) {
            Matcher m = M_COLUMN.matcher(c);
            if (m.matches()) {
                p = Math.max(p, Integer.parseInt(m.group(1)) + 1);
                k = Math.max(k, Integer.parseInt(m.group(2)) + 1);
            }
        }
        return new int[] {p, k};
    }

    private static int[][] mColumns(Trajectory t, int p, int k) {
        Map<String, Integer> index = index(t);
        int[][] idx = new int[p][k];
        for (int i = 0; i < p; i++) {
            for (int r = 0; r < k; r++) {
                Integer c = index.get("M_" + i + "_" + r);
                if (c == null) {
                    throw new IllegalArgumentException("alignment: column M_" + i + "_" + r + " missing");
                }
                idx[i][r] = c;
            }
        }
        return idx;
    }

    private static Map<String, Integer> index(Trajectory t) {
        List<String> columns = t.columns();
        Map<String, Integer> index = new HashMap<>(2 * columns.size());
        for (int c = 0; c < columns.size(); c++) {
            index.put(columns.get(c), c);
        }
        return index;
    }

    /** Every seed of {@code ensemble} relabelled onto {@code reference}, and the ensemble reduced again. */
    public static AlignedEnsemble align(EnsembleResult ensemble, Trajectory reference) {
        List<SimulationRun> runs = new ArrayList<>(ensemble.seeds());
        List<int[]> permutations = new ArrayList<>(ensemble.seeds());
        for (SimulationRun run : ensemble.runs()) {
            int[] pi = permutationOnto(reference, run.trajectory());
            permutations.add(pi);
            runs.add(new SimulationRun(relabelled(run.trajectory(), pi), run.heldOut(), run.steps()));
        }
        return new AlignedEnsemble(new EnsembleResult(MultiSeedSimulation.reduce(runs), runs), permutations);
    }

    /**
     * An ensemble whose seeds were relabelled onto a reference.
     *
     * @param ensemble     the relabelled runs and their means and standard errors
     * @param permutations per seed, π (seed unit π[i] is reference unit i)
     */
    public record AlignedEnsemble(EnsembleResult ensemble, List<int[]> permutations) {
        public AlignedEnsemble {
            permutations = permutations.stream().map(int[]::clone).toList();
        }

        /** Number of seeds whose units were relabelled (π not the identity). */
        public int permutedSeeds() {
            int n = 0;
            for (int[] pi : permutations) {
                if (!isIdentity(pi)) {
                    n++;
                }
            }
            return n;
        }
    }
}
