package org.sgdlimits.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;

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
