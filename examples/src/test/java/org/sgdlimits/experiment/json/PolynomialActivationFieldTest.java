package org.sgdlimits.experiment.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.ExperimentException;

/** The experiment-file forms of polynomial activations: "he1" … "he6" and {"polynomial": [c0, c1, …]}. */
class PolynomialActivationFieldTest {

    private static Experiment parse(String json) {
        return ExperimentParser.parse(json, "test.json");
    }

    @Test
    void hermiteNamesAndGeneralPolynomialsParseAndRoundTrip() {
        Experiment e = parse("{\"teacher\": {\"activation\": \"he3\"}, "
                + "\"student\": {\"activation\": {\"polynomial\": [0.5, 1, 0, -0.25]}}}");
        assertSame(Activation.named("he3"), e.teacher().activation());
        assertArrayEquals(new double[] {0.5, 1, 0, -0.25}, e.student().activation().polynomialCoefficients());
        Experiment back = ExperimentParser.fromJson(ExperimentJson.toJson(e));
        assertEquals(e, back);
    }

    @Test
    void expressionAndHermiteActivationsParseAndRoundTrip() {
        Experiment e = parse("{\"teacher\": {\"activation\": {\"hermite\": [0, 1, 0.3]}}, "
                + "\"student\": {\"activation\": {\"expression\": \"sin(x)\", \"derivative\": \"cos(x)\"}}}");
        // He1 + 0.3 He2 = −0.3 + x + 0.3 x²
        assertArrayEquals(new double[] {-0.3, 1, 0.3}, e.teacher().activation().polynomialCoefficients(), 1e-15);
        assertEquals(Math.sin(0.7), e.student().activation().value(0.7), 1e-15);
        assertEquals(Math.cos(0.7), e.student().activation().derivative(0.7), 1e-15);
        Experiment back = ExperimentParser.fromJson(ExperimentJson.toJson(e));
        assertEquals(e, back);
        assertField("student.activation.derivative",
                "{\"student\": {\"activation\": {\"expression\": \"sin(x)\", \"derivative\": \"-cos(x)\"}}}");
        assertField("student.activation.expression",
                "{\"student\": {\"activation\": {\"derivative\": \"cos(x)\"}}}");
        assertField("student.activation.unknown",
                "{\"student\": {\"activation\": {\"expression\": \"x\", \"derivative\": \"1\", \"unknown\": 1}}}");
    }

    @Test
    void badPolynomialsGiveOneLineErrorsNamingTheField() {
        assertField("student.activation.polynomial", "{\"student\": {\"activation\": {\"polynomial\": [1, 0]}}}");
        assertField("teacher.activation.polynomial", "{\"teacher\": {\"activation\": {\"polynomial\": [3]}}}");
        assertField("student.activation.polynomial[1]",
                "{\"student\": {\"activation\": {\"polynomial\": [1, \"x\"]}}}");
        assertField("student.activation.polynomial", "{\"student\": {\"activation\": {\"coefficients\": [1, 2]}}}");
        assertField("student.activation.degree",
                "{\"student\": {\"activation\": {\"polynomial\": [1, 2], \"degree\": 1}}}");
        assertField("teacher.activation", "{\"teacher\": {\"activation\": \"he7\"}}");
    }

    private static void assertField(String field, String json) {
        ExperimentException x = assertThrows(ExperimentException.class, () -> parse(json));
        assertEquals(field, x.field(), x.getMessage());
        assertTrue(!x.getMessage().contains("\n"), "one line: " + x.getMessage());
    }
}
