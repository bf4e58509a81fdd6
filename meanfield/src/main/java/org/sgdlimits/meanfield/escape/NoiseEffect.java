package org.sgdlimits.meanfield.escape;

/**
 * ODE versus SGD escape times from the same random initial conditions ("does noise matter", docs/theory.md §6).
 *
 * @param ode         quenched ODE escape times
 * @param sgd         SGD escape times
 * @param difference  paired differences (ODE − SGD) over runs where both escaped; positive mean: SGD earlier
 */
public record NoiseEffect(EscapeStatistics ode, EscapeStatistics sgd, EscapeStatistics difference) {
}
