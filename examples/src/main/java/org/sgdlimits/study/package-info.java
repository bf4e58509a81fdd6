/**
 * The studies of the application layer, one sub-package each: the regime comparison ({@code study.regimes}),
 * escape studies ({@code study.escape}), the information-exponent study ({@code study.informationexponent}) and
 * sweeps and phase diagrams ({@code study.sweep}); here only what they share for printing,
 * {@link org.sgdlimits.study.SignificantDigits}.
 */
package org.sgdlimits.study;
