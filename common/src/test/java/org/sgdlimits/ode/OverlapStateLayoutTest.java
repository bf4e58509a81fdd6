package org.sgdlimits.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sgdlimits.overlap.Overlaps;

class OverlapStateLayoutTest {

    @Test
    void packAndUnpackRoundTripAndEveryComponentHasAUniqueName() {
        int p = 3;
        int k = 2;
        double[] q = {1.0, 0.1, 0.2, 0.1, 0.9, 0.3, 0.2, 0.3, 1.1};
        double[] m = {0.1, 0.2, 0.3, 0.4, 0.05, 0.0};
        double[] pm = {1, 0, 0, 1};
        double[] a = {1, 0.5, -0.5};
        Overlaps o = Overlaps.of(q, m, pm, a, new double[] {1, 1});
        for (boolean trained : new boolean[] {false, true}) {
            OverlapStateLayout layout = new OverlapStateLayout(p, k, trained);
            assertEquals(p * k + p * (p + 1) / 2 + (trained ? p : 0), layout.dimension());
            double[] y = layout.pack(o);
            double[] q2 = new double[p * p];
            double[] m2 = new double[p * k];
            double[] a2 = new double[p];
            layout.unpackQ(y, q2);
            layout.unpackM(y, m2);
            layout.unpackA(y, trained ? new double[p] : a, a2);
            assertArrayEquals(q, q2, 0.0);
            assertArrayEquals(m, m2, 0.0);
            assertArrayEquals(a, a2, 0.0);
            assertEquals(0.3, y[layout.indexOfQ(2, 1)], 0.0);
            assertEquals("Q_1_2", layout.componentName(layout.indexOfQ(2, 1)));
            assertEquals("M_2_0", layout.componentName(layout.indexOfM(2, 0)));
            Set<String> names = new HashSet<>();
            for (int i = 0; i < layout.dimension(); i++) {
                names.add(layout.componentName(i));
            }
            assertEquals(layout.dimension(), names.size());
            double[] yDot = new double[layout.dimension()];
            layout.packDerivative(m, q, a, yDot);
            assertArrayEquals(y, yDot, 0.0);
        }
        assertEquals(OverlapColumns.count(p, k), OverlapColumns.names(p, k).size());
        assertEquals("Q_2_1", OverlapColumns.names(p, k).get(2 + p * k + 2 * p + 1));
    }
}
