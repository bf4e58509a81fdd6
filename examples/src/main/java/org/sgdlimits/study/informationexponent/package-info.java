/**
 * The information-exponent study: escape times of a single-index He_k teacher learned by one spherical unit,
 * against the dimension d, for k = 1 … 4 (ODE and Gram-chain SGD), with fitted log-log exponents
 * (docs/theory.md §6.1). Physics: {@code org.sgdlimits.narrow.singleindex}.
 */
package org.sgdlimits.study.informationexponent;
