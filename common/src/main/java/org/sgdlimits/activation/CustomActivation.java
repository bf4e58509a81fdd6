package org.sgdlimits.activation;

/** A user-defined activation given by three functions; moments of it are always computed by quadrature. */
record CustomActivation(String id, Activation.Function valueFunction, Activation.Function derivativeFunction,
                        Activation.Function secondDerivativeFunction) implements Activation {

    CustomActivation {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("activation id: missing or blank; a custom activation needs a name");
        }
        requirePresent(valueFunction, "value", id);
        requirePresent(derivativeFunction, "derivative", id);
        requirePresent(secondDerivativeFunction, "secondDerivative", id);
        for (StandardActivation a : StandardActivation.values()) {
            if (a.id().equals(id)) {
                throw new IllegalArgumentException("activation: custom name '" + id
                        + "' clashes with a standard activation");
            }
        }
    }

    private static void requirePresent(Activation.Function f, String field, String id) {
        if (f == null) {
            throw new IllegalArgumentException("activation '" + id + "': " + field + " function is missing");
        }
    }

    @Override public double value(double x) { return valueFunction.apply(x); }
    @Override public double derivative(double x) { return derivativeFunction.apply(x); }
    @Override public double secondDerivative(double x) { return secondDerivativeFunction.apply(x); }
    @Override public String toString() { return id; }
}
