package org.sgdlimits.meanfield.factory;

import java.util.Arrays;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.meanfield.DenseLowRankClosure;
import org.sgdlimits.meanfield.LatentLowRankClosure;
import org.sgdlimits.meanfield.LinearCostLowRankClosure;
import org.sgdlimits.meanfield.SeriesLowRankClosure;
import org.sgdlimits.meanfield.ParticleDriftSettings;
import org.sgdlimits.meanfield.Particles;
import org.sgdlimits.meanfield.PhaseRetrievalLowRankDrift;
import org.sgdlimits.validation.FieldPath;

/**
 * The low-rank corrected closures of the mean-field engines (docs/closure.md) for a validated {@link Experiment}:
 * which experiments each correction is implemented for, checked before anything runs, and the configured
 * correction. Errors name {@code meanfield.closure} or {@code meanfield.basis}.
 */
public final class ClosureFactory {
    /** The field of the closure choice. */
    public static final FieldPath CLOSURE = FieldPath.of("meanfield", "closure");
    /** The field of the low-rank basis. */
    public static final FieldPath BASIS = FieldPath.of("meanfield", "basis");
    /** The field of the latent route (series or quadrature). */
    public static final FieldPath LATENT = FieldPath.of("meanfield", "latent");
    /** The field of the series order. */
    public static final FieldPath ORDER = FieldPath.of("meanfield", "order");

    private ClosureFactory() {
    }

    /** Whether the experiment is phase retrieval (square student and teacher), whose correction carries h. */
    public static boolean isPhaseRetrieval(Experiment e) {
        return e.student().activation() == StandardActivation.SQUARE
                && e.teacher().activation() == StandardActivation.SQUARE;
    }

    /**
     * The low-rank correction of phase retrieval (basis m, rank 1: Q⊥_ij = h m_i m_j for i ≠ j; docs/closure.md
     * §6), for k = 1, a = a* = 1 and a fixed second layer.
     */
    public static PhaseRetrievalLowRankDrift phaseRetrieval(Experiment e, MeanfieldClosure.Basis basis,
                                                            MeanfieldClosure.Latent latent, int order,
                                                            ParticleDriftSettings settings) {
        boolean unitLayers = e.k() == 1 && e.teacher().secondLayer()[0] == 1.0 && !e.student().trainSecondLayer()
                && Arrays.stream(e.student().secondLayer()).allMatch(v -> v == 1.0);
        if (!unitLayers) {
            throw new ExperimentException(CLOSURE, "low-rank is implemented for phase retrieval with k = 1, a = a* = 1 "
                    + "and the second layer not trained; got k = " + e.k());
        }
        if (latent != null || order != 0) {
            throw new ExperimentException(latent != null ? LATENT : ORDER, "applies to activations other than square; "
                    + "phase retrieval uses its closed form (docs/closure.md §3)");
        }
        if (basis != MeanfieldClosure.Basis.M) {
            throw new ExperimentException(BASIS, basis.id() + "; phase retrieval uses the basis m (rank 1)");
        }
        return new PhaseRetrievalLowRankDrift(e.teacher().P()[0], settings);
    }

    /**
     * The low-rank correction of any other activation (k = 1, fixed second layer, no weight decay, finite-p
     * self-interaction; basis a-aq-am, rank 1–3): the O(p) latent-Gaussian route (docs/closure.md §5), by the
     * series in H (the default) or by quadrature over the latent axes.
     *
     * @param particles       the initial particles (their second layer)
     * @param selfInteraction whether the drift keeps the finite-p self-interaction (required)
     * @param latent          the latent route, null for the default (series)
     * @param order           the series order in [1, {@value MeanfieldClosure.Latent#MAX_ORDER}], 0 for the default
     */
    public static LinearCostLowRankClosure latent(Experiment e, Particles particles, MeanfieldClosure.Basis basis,
                                                  int rank, boolean selfInteraction, MeanfieldClosure.Latent latent,
                                                  int order, ParticleDriftSettings settings) {
        if (e.k() != 1) {
            throw new ExperimentException(CLOSURE, "low-rank is implemented for k = 1 (teacher.k = " + e.k() + ")");
        }
        if (e.student().trainSecondLayer()) {
            throw new ExperimentException(CLOSURE, "low-rank needs a fixed second layer (student.trainSecondLayer is "
                    + "true)");
        }
        if (e.weightDecay() != 0) {
            throw new ExperimentException(CLOSURE, "low-rank is implemented without weight decay (weightDecay = "
                    + e.weightDecay() + ")");
        }
        if (!selfInteraction) {
            throw new ExperimentException(CLOSURE, "low-rank for " + e.student().activation() + " needs the finite-p "
                    + "self-interaction (meanfield.selfInteraction true)");
        }
        if (basis != MeanfieldClosure.Basis.A_AQ_AM) {
            throw new ExperimentException(BASIS, basis.id() + " is the phase-retrieval basis; for "
                    + e.student().activation() + " use \"basis\": \"a-aq-am\" with rank 1, 2 or 3");
        }
        DenseLowRankClosure.Basis columns = switch (rank) {
            case 1 -> DenseLowRankClosure.Basis.A;
            case 2 -> DenseLowRankClosure.Basis.A_AQ;
            default -> DenseLowRankClosure.Basis.A_AQ_AM;
        };
        if (latent == MeanfieldClosure.Latent.QUADRATURE) {
            return Labelled.at(CLOSURE, () -> new LatentLowRankClosure(e.student().activation(),
                    e.teacher().activation(), e.teacher().P()[0], e.teacher().secondLayer()[0],
                    particles.secondLayer(), columns, settings, LatentLowRankClosure.DEFAULT_LATENT_NODES, 0,
                    LatentLowRankClosure.DEFAULT_LATENT_TOLERANCE));
        }
        int n = order == 0 ? SeriesLowRankClosure.DEFAULT_ORDER : order;
        return Labelled.at(CLOSURE, () -> new SeriesLowRankClosure(e.student().activation(), e.teacher().activation(),
                e.teacher().P()[0], e.teacher().secondLayer()[0], particles.secondLayer(), columns, settings, n));
    }
}
