/**
 * Single-index teachers σ* = He_k learned by one spherical unit: the escape from the equator and its
 * dependence on the information exponent k (docs/theory.md §6.1).
 */
package org.sgdlimits.narrow.singleindex;
