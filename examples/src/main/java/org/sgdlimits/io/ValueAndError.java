package org.sgdlimits.io;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * The one rule by which a value and its standard error are printed ("value ± error"), in the console, chart
 * titles and tables alike: the error with two significant digits, the value rounded to the same decimal place,
 * both in the same notation. Plain decimals when the larger magnitude lies in [1e-3, 1e5), otherwise a shared
 * power of ten: {@code 0.346 ± 0.012}, {@code 1234.50 ± 0.10}, {@code (-1.21 ± 0.49)e-17},
 * {@code (0.0 ± 1.1)e-17}. When the error is more than 1e6 times smaller than the value, the value keeps six
 * significant digits and the error its own two ({@code 5.00000e-03 ± 2.0e-09}). A NaN or infinite error
 * (one seed) prints the value alone with four significant digits; an exact zero error prints {@code ± 0}.
 */
public final class ValueAndError {
    /** Significant digits of the error. */
    static final int ERROR_DIGITS = 2;

    private ValueAndError() {
    }

    /** "value ± error" by the rule above. */
    public static String format(double value, double error) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        if (!Double.isFinite(error)) {
            return String.format(Locale.ROOT, "%.4g", value);
        }
        double e = Math.abs(error);
        if (e == 0) {
            return String.format(Locale.ROOT, "%.4g", value) + " \u00b1 0";
        }
        int errorExponent = exponent(e);
        int place = errorExponent - (ERROR_DIGITS - 1); // last decimal place shown: 10^place
        double largest = Math.max(Math.abs(value), e);
        int exponent = exponent(largest);
        if (exponent - place > 6) {
            return String.format(Locale.ROOT, "%.5e", value) + " \u00b1 " + String.format(Locale.ROOT, "%.1e", e);
        }
        if (exponent >= -3 && exponent < 5) {
            int decimals = Math.max(0, -place);
            return round(value, decimals) + " \u00b1 " + round(e, decimals);
        }
        double scale = Math.pow(10, exponent);
        int decimals = Math.max(0, exponent - place);
        return "(" + round(value / scale, decimals) + " \u00b1 " + round(e / scale, decimals) + ")e"
                + (exponent < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }

    /** floor(log10 |x|) for x ≠ 0, robust at exact powers of ten. */
    private static int exponent(double x) {
        return new BigDecimal(Math.abs(x)).round(new java.math.MathContext(17)).precision()
                - new BigDecimal(Math.abs(x)).round(new java.math.MathContext(17)).scale() - 1;
    }

    private static String round(double x, int decimals) {
        String s = new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        return s.startsWith("-") && new BigDecimal(s).signum() == 0 ? s.substring(1) : s;
    }
}
