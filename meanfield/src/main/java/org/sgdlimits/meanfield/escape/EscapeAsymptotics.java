package org.sgdlimits.meanfield.escape;

/**
 * Analytic escape times of docs/theory.md §6 at one (model, d, criterion); NaN where a formula does not apply.
 *
 * @param typical          plain SGD, overlap criterion: t_typ = (ln d + K)/c*, the large-d law from the typical
 *                         start with the exact constant K = lim (c* t(d) − ln d), taken from the ODE at d = 1e14
 *                         (so it includes the nonlinear saturation at any T); spherical SGD, overlap criterion:
 *                         ln(T d)/c_s (linear phase)
 * @param typicalSmallThreshold plain SGD, overlap criterion: the analytic small-T form (ln d + ln T + K_q)/c* of
 *                         {@link org.sgdlimits.narrow.phaseretrieval.PlateauTheory#typicalEscapeTime}
 * @param quenched         typical (plain, overlap) or the linear-phase value (spherical, either criterion) plus the
 *                         quenched shift −[ψ(p/2) + ln(2/p)]/c (c = c* or c_s). A linear-phase result: at a
 *                         threshold T that is not small the units compete in the nonlinear phase (the first to
 *                         align slows the others) and the delay of random starts can be much larger (spherical,
 *                         p = 3, g = 0.1, d = 2000, T = 0.5: 0.31 measured against 0.056)
 * @param sgd              plain SGD, overlap criterion: quenched − ln(1 + ν)/c* (SGD-noise correction)
 * @param sphericalTalks   spherical SGD, risk criterion: the small-T formula seen in talks
 *                         ln[(T(p+1)d + (p+1)(1 − T))/(2p)] / (8[1 − g(1 + 1/p + 4/p² + Δ/2)])
 * @param sphericalLinear  spherical SGD, risk criterion: exact linear-phase solution (differs from the talk
 *                         formula by O(1/(T d)) inside the logarithm)
 * @param note             why some entries are NaN (empty when all applicable entries are given)
 */
public record EscapeAsymptotics(double typical, double typicalSmallThreshold, double quenched, double sgd, double sphericalTalks,
                                double sphericalLinear, String note) {
}
