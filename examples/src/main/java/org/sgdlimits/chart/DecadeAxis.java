package org.sgdlimits.chart;

import java.awt.font.TextAttribute;
import java.text.AttributedString;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;

/**
 * A base-10 logarithmic axis with major ticks only at whole decades, labelled 10<sup>k</sup> (superscript
 * exponent), and unlabelled minor ticks at 2–9 × 10<sup>k</sup>. {@link #setDecadeRange} widens a range to
 * whole decades (at least two labelled ticks); {@link XYChartBuilder} sets the data range plus a margin instead.
 */
public final class DecadeAxis extends LogAxis {
    private static final long serialVersionUID = 1L;

    public DecadeAxis(String label) {
        super(label);
        setBase(10);
        setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        setAutoTickUnitSelection(true);
        setMinorTickCount(9); // LogAxis spaces minor ticks linearly: v + i·(10v − v)/9 = 2v … 9v
        setMinorTickMarksVisible(true);
        setSmallestValue(1e-300);
    }

    /** Sets the range to whole decades covering [min, max] (both &gt; 0); at least one decade wide. */
    public void setDecadeRange(double min, double max) {
        if (!(min > 0) || !(max >= min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("decade range [" + min + ", " + max + "]: needs 0 < min <= max");
        }
        double lo = Math.floor(Math.log10(min) + 1e-9);
        double hi = Math.ceil(Math.log10(max) - 1e-9);
        if (hi <= lo) {
            hi = lo + 1;
        }
        // a hair wider than the decades, so that rounding in 10^k never drops the end ticks
        setRange(Math.pow(10, lo) * (1 - 1e-9), Math.pow(10, hi) * (1 + 1e-9));
    }

    /** The label 10^k with k the (rounded) decade exponent, the exponent as superscript. */
    @Override
    protected AttributedString createTickLabel(double value) {
        long exponent = Math.round(Math.log10(value));
        String base = "10";
        String exp = Long.toString(exponent);
        AttributedString s = new AttributedString(base + exp);
        s.addAttributes(getTickLabelFont().getAttributes(), 0, base.length() + exp.length());
        s.addAttribute(TextAttribute.SUPERSCRIPT, TextAttribute.SUPERSCRIPT_SUPER, base.length(),
                base.length() + exp.length());
        return s;
    }
}
