package org.sgdlimits.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one "value ± error" rule: two significant digits on the error, the value to the same place. */
class ValueAndErrorTest {

    @Test
    void roundOffErrorsKeepSignificantDigitsInsteadOfAZeroValue() {
        // was printed "0.000 ± 1.133e-17": the value had fewer digits than the error
        assertEquals("(0.0 \u00b1 1.1)e-17", ValueAndError.format(0.0, 1.133e-17));
        assertEquals("(-1.21 \u00b1 0.49)e-17", ValueAndError.format(-1.214e-17, 4.863e-18));
    }

    @Test
    void plainDecimalsRoundTheValueToTheErrorsPlace() {
        assertEquals("0.346 \u00b1 0.012", ValueAndError.format(0.34567, 0.0123));
        assertEquals("1234.50 \u00b1 0.10", ValueAndError.format(1234.5, 0.1));
        assertEquals("12.3457 \u00b1 0.0012", ValueAndError.format(12.345678, 0.00123));
        assertEquals("0.0015 \u00b1 0.0020", ValueAndError.format(0.0015, 0.002));
    }

    @Test
    void largeAndTinyMagnitudesShareAPowerOfTen() {
        assertEquals("(1.235 \u00b1 0.012)e+06", ValueAndError.format(1234567, 12345));
        assertEquals("(2.50 \u00b1 0.30)e-05", ValueAndError.format(2.5e-5, 3e-6));
    }

    @Test
    void degenerateErrors() {
        assertEquals("0.1235", ValueAndError.format(0.12345, Double.NaN));
        assertEquals("0.1235 \u00b1 0", ValueAndError.format(0.12345, 0));
        assertEquals("5.00000e-03 \u00b1 2.0e-09", ValueAndError.format(5e-3, 2e-9));
    }
}
