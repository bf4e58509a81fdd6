package org.sgdlimits.experiment.json;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlimits.experiment.ExperimentException;

/** Syntax errors in an experiment file read as one line about the file, without the JSON library's internals. */
class JsonSyntaxErrorMessageTest {

    private static String message(String json) {
        return assertThrows(ExperimentException.class, () -> ExperimentParser.parse(json, "exp.json")).getMessage();
    }

    private static void assertClean(String m) {
        assertFalse(m.contains("Feature") || m.contains("Source") || m.contains("REDACTED"), m);
        assertFalse(m.contains("NaN") || m.contains("INF"), "suggests a token the experiment refuses: " + m);
        assertFalse(m.contains("\n"), m);
    }

    @Test
    void aTruncatedFileNamesWhereTheObjectWasOpened() {
        String m = message("{ \"teacher\": { \"activation\": \"erf\", \"k\": 2 ");
        assertClean(m);
        assertTrue(m.contains("exp.json is not valid JSON at line 1") && m.contains("opened at line 1, column 14"), m);
    }

    @Test
    void aBadTokenDoesNotSuggestNonFiniteNumbers() {
        String m = message("{ \"learningRate\": nan }");
        assertClean(m);
        assertTrue(m.contains("'nan'") && m.contains("a finite number"), m);
    }

    @Test
    void aStrayCharacterIsNamedWithoutItsCode() {
        String m = message("{ \"learningRate\": 0.5x }");
        assertClean(m);
        assertFalse(m.contains("code 120"), m);
        assertTrue(m.contains("'x'"), m);
    }
}
