package org.sgdlimits.experiment.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.sgdlimits.overlap.Biases;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.ExperimentException;

/**
 * The bias fields of an experiment file (docs/experiment-file.md, docs/theory.md §3.11): student.bias (length p),
 * teacher.bias (length k), student.trainBias and biasLearningRate, their defaults, the JSON echo and one-line
 * errors naming the field.
 */
class ExperimentBiasFieldsTest {
    private static final String FILE = """
            { "teacher": { "activation": "erf", "k": 2, "bias": [0.5, -0.3] },
              "student": { "activation": "erf", "p": 3, "bias": [0, 0.1, -0.2], "trainBias": true },
              "learningRate": 0.4, "biasLearningRate": 0.2 }
            """;

    private static Experiment parse(String json) {
        return ExperimentParser.parse(json, "test.json");
    }

    @Test
    void biasFieldsAreReadWithTheirDefaults() {
        Biases b = parse(FILE).biases();
        assertArrayEquals(new double[] {0.5, -0.3}, b.teacher());
        assertArrayEquals(new double[] {0, 0.1, -0.2}, b.student());
        assertTrue(b.trained());
        assertEquals(0.2, b.learningRate());
        // biasLearningRate defaults to learningRate when the biases are trained
        assertEquals(0.4, parse(FILE.replace("\"biasLearningRate\": 0.2", "\"noise\": 0")).biases().learningRate());
        // a teacher bias alone: the student's are zero and fixed
        Biases teacherOnly = parse("{\"teacher\": {\"k\": 2, \"bias\": [1, 2]}, \"student\": {\"p\": 2}}").biases();
        assertArrayEquals(new double[] {0, 0}, teacherOnly.student());
        assertFalse(teacherOnly.trained());
        assertEquals(0.0, teacherOnly.learningRate());
        assertNull(parse("{}").biases(), "no bias field: a model without biases");
    }

    @Test
    void reluMixedWithASmoothActivationTakesBiases() {
        // relu × smooth moments with means exist (docs/theory.md §3.11.2), so the pair is no longer refused
        for (String pair : new String[] {"relu\", \"k\": 2, \"bias", "tanh\", \"k\": 2, \"bias"}) {
            String file = FILE.replace("erf\", \"k\": 2, \"bias", pair).replace("\"activation\": \"erf\", \"p\"",
                    pair.startsWith("relu") ? "\"activation\": \"erf\", \"p\"" : "\"activation\": \"relu\", \"p\"");
            assertArrayEquals(new double[] {0.5, -0.3}, parse(file).biases().teacher(), file);
        }
    }

    @Test
    void writtenJsonReadsBackToAnEqualExperiment() {
        Experiment e = parse(FILE);
        String written = ExperimentJson.toPrettyString(e);
        assertTrue(written.contains("\"trainBias\""), written);
        Experiment back = parse(written);
        assertEquals(e, back, written);
        assertEquals(written, ExperimentJson.toPrettyString(back));
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("[0, 0.1, -0.2]", "[0, 0.1]", "student.bias", "expected p = 3"),
                Arguments.of("[0.5, -0.3]", "[0.5]", "teacher.bias", "expected k = 2"),
                Arguments.of("[0.5, -0.3]", "[0.5, NaN]", "teacher.bias[1]", "finite"),
                Arguments.of("[0, 0.1, -0.2]", "[0, \"x\", -0.2]", "student.bias[1]", "string"),
                Arguments.of("\"trainBias\": true", "\"trainBias\": false", "biasLearningRate", "trainBias"),
                Arguments.of("\"biasLearningRate\": 0.2", "\"biasLearningRate\": -0.2", "biasLearningRate", "> 0"),
                Arguments.of("\"biasLearningRate\": 0.2", "\"biasLearningRate\": 0", "biasLearningRate", "> 0"),
                Arguments.of("\"trainBias\": true", "\"trainBias\": 1", "student.trainBias", "true or false"));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource("badInputs")
    void badInputIsOneLineNamingTheField(String from, String to, String field, String hint) {
        assertTrue(FILE.contains(from), from);
        ExperimentException x = assertThrows(ExperimentException.class, () -> parse(FILE.replace(from, to)));
        String message = x.getMessage();
        assertEquals(field, x.field(), message);
        assertTrue(message.contains(hint), message);
        assertFalse(message.contains("\n"), message);
        assertTrue(message.startsWith(field + ": "), message);
    }
}
