package org.sgdlimits.meanfield.escape;

/**
 * Analytic escape times of SPEC §6 at one (model, d, criterion); NaN where a formula does not apply.
 *
 * @param typical          plain SGD, overlap criterion: t_typ = (ln d + K)/c* (small-T asymptote, typical start);
 *                         spherical SGD, overlap criterion: ln(T d)/c_s
 * @param quenched         plain SGD, overlap criterion: t_typ + quenched shift −[ψ(p/2) + ln(2/p)]/c*
 * @param sgd              plain SGD, overlap criterion: quenched − ln(1 + ν)/c* (SGD-noise correction)
 * @param sphericalTalks   spherical SGD, risk criterion: the small-T formula seen in talks
 *                         ln[(T(p+1)d + (p+1)(1 − T))/(2p)] / (8[1 − g(1 + 1/p + 4/p² + Δ/2)])
 * @param sphericalLinear  spherical SGD, risk criterion: exact linear-phase solution (differs from the talk
 *                         formula by O(1/(T d)) inside the logarithm)
 * @param note             why some entries are NaN (empty when all applicable entries are given)
 */
public record EscapeAsymptotics(double typical, double quenched, double sgd, double sphericalTalks,
                                double sphericalLinear, String note) {
}
