package org.sgdlimits.dynamics;

/** Arcsine for the drift's hot loop. (Placeholder delegating to Math.asin; a faster exact version follows.) */
final class Arcsine {
    private Arcsine() {
    }

    static double asin(double x) {
        return Math.asin(x);
    }
}
