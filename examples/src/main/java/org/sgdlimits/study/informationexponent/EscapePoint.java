package org.sgdlimits.study.informationexponent;

/**
 * One escape time τ (samples per dimension) at dimension d: from the overlap ODE, or the mean of the escaped
 * Gram-chain runs with its standard error.
 *
 * @param dimension d
 * @param learningRate γ_d used
 * @param escapeTime τ (ODE) or mean τ over the escaped runs (NaN if none escaped)
 * @param standardError standard error of the mean (0 for the ODE, NaN with fewer than 2 escaped runs)
 * @param escaped runs that escaped within the horizon (1 for an escaped ODE run)
 * @param runs runs made
 */
public record EscapePoint(int dimension, double learningRate, double escapeTime, double standardError, int escaped,
                          int runs) {
}
