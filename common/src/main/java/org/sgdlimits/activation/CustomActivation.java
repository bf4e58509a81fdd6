package org.sgdlimits.activation;

import java.util.Objects;

/** A user-defined activation given by three functions; moments of it are always computed by quadrature. */
record CustomActivation(String id, Activation.Function valueFunction, Activation.Function derivativeFunction,
                        Activation.Function secondDerivativeFunction) implements Activation {

    CustomActivation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(valueFunction, "value");
        Objects.requireNonNull(derivativeFunction, "derivative");
        Objects.requireNonNull(secondDerivativeFunction, "secondDerivative");
        for (StandardActivation a : StandardActivation.values()) {
            if (a.id().equals(id)) {
                throw new IllegalArgumentException("activation: custom name '" + id
                        + "' clashes with a standard activation");
            }
        }
    }

    @Override public double value(double x) { return valueFunction.apply(x); }
    @Override public double derivative(double x) { return derivativeFunction.apply(x); }
    @Override public double secondDerivative(double x) { return secondDerivativeFunction.apply(x); }
    @Override public String toString() { return id; }
}
