package org.sgdlimits.meanfield.dmft;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

import java.util.Locale;
import org.sgdlimits.activation.Activation;

/**
 * How a label is made from the teacher field h* = w*·x/√d and a standard normal ζ (docs/dmft.md §1):
 * linear y = h* + σζ, sign y = sign(h* + σζ) (σ = 0: a noiseless sign teacher), or an activation
 * y = σ*(h*) + σζ. σ² is the experiment's label-noise variance. Immutable.
 */
public sealed interface TeacherMap {

    /** Identifier in experiment files. */
    String id();

    /** Label-noise standard deviation σ. */
    double noiseStd();

    /** The label y = φ(h*, ζ). */
    double label(double teacherField, double zeta);

    /** y = h* + σζ. */
    record Linear(double noiseStd) implements TeacherMap {
        @Override
        public String id() {
            return "linear";
        }

        @Override
        public double label(double h, double zeta) {
            return h + noiseStd * zeta;
        }
    }

    /** y = sign(h* + σζ) (sign(0) = 1). */
    record Sign(double noiseStd) implements TeacherMap {
        @Override
        public String id() {
            return "sign";
        }

        @Override
        public double label(double h, double zeta) {
            return h + noiseStd * zeta >= 0 ? 1.0 : -1.0;
        }
    }

    /** y = σ*(h*) + σζ with the teacher section's activation σ*. */
    record OfActivation(Activation activation, double noiseStd) implements TeacherMap {
        @Override
        public String id() {
            return "activation";
        }

        @Override
        public double label(double h, double zeta) {
            return activation.value(h) + noiseStd * zeta;
        }
    }

    /**
     * The map with this name: linear, sign or activation (using {@code activation}).
     *
     * @throws IllegalArgumentException naming {@code field} and the allowed values
     */
    static TeacherMap named(String name, Activation activation, double noiseStd, String field) {
        String id = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (id) {
            case "linear" -> new Linear(noiseStd);
            case "sign" -> new Sign(noiseStd);
            case "activation" -> new OfActivation(activation, noiseStd);
            default -> throw new InvalidFieldException(FieldPath.parse(field), "unknown value '" + name
                    + "'; allowed: linear, sign, activation");
        };
    }
}
