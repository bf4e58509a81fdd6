package org.sgdlimits.activation;

/** The reflection symmetry of an activation under x → −x. */
public enum Parity {
    /** σ(−x) = −σ(x). */
    ODD,
    /** σ(−x) = σ(x). */
    EVEN,
    /** No known symmetry. */
    NONE
}
