package org.sgdlimits.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FieldPathTest {

    @Test
    void childrenIndicesAndSectionsComposeAndPrintAsWritten() {
        FieldPath q = FieldPath.of("initial", "Q").index(0).index(1);
        assertEquals("initial.Q[0][1]", q.toString());
        assertEquals(q, FieldPath.parse("initial.Q[0][1]"));
        assertEquals("axes[2].field", FieldPath.of("axes").index(2).child("field").toString());
        assertEquals(FieldPath.parse("meanfield.snapshots.component"),
                FieldPath.of("snapshots", "component").under(FieldPath.of("meanfield")));
        assertSame(FieldPath.ROOT, FieldPath.parse(""));
        assertEquals("", FieldPath.ROOT.toString());
        assertEquals(FieldPath.of("x"), FieldPath.of("x").under(FieldPath.ROOT));
        for (String odd : new String[] {"a..b", "q[x]", "rate = 0.5", "m[1", "q[0]x", "[0]"}) {
            assertEquals(odd, FieldPath.parse(odd).toString(), odd);
        }
    }

    @Test
    void prefixesAreWholeSegments() {
        FieldPath student = FieldPath.of("student");
        assertTrue(FieldPath.parse("student.secondLayer").startsWith(student));
        assertTrue(student.startsWith(student));
        assertFalse(FieldPath.of("studentX").startsWith(student));
        assertFalse(student.startsWith(FieldPath.parse("student.p")));
        assertEquals(FieldPath.of("p"), FieldPath.parse("student.p").dropFirst(1));
        assertEquals("--dimension", FieldPath.of("--dimension").head());
    }

    @Test
    void theExceptionCarriesTheFieldAndKeepsTheOneLineMessage() {
        InvalidFieldException e = new InvalidFieldException(FieldPath.of("Q"), "not symmetric");
        assertEquals("Q: not symmetric", e.getMessage());
        InvalidFieldException placed = e.under(FieldPath.of("initial"));
        assertEquals("initial.Q: not symmetric", placed.getMessage());
        assertEquals(FieldPath.of("initial", "Q"), placed.fieldPath());
        assertEquals("not symmetric", placed.problem());
        assertSame(e, placed.getCause());
        assertEquals("whole file", new InvalidFieldException(FieldPath.ROOT, "whole file").getMessage());
    }
}
