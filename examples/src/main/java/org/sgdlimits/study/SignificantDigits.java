package org.sgdlimits.study;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * A number as the summaries print it: rounded to a given number of significant digits, trailing zeros dropped
 * (0.2, 0.00564, 80, 2.4, 16 384 is "16384"); plain between 10⁻⁴ and 10⁷, else scientific ("1.5e-06").
 */
public final class SignificantDigits {
    private SignificantDigits() {
    }

    /**
     * @param v      the value (NaN and infinities are printed as Java prints them)
     * @param digits significant digits, ≥ 1
     */
    public static String of(double v, int digits) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e7) {
            return new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
    }
}
