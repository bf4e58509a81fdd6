package org.sgdlimits.ode;

import org.sgdlimits.overlap.Overlaps;

/**
 * Packing of the overlap state into one ODE vector, shared by the engines that integrate (M, Q, a):
 * {@code [M (p×k row-major) | upper triangle of Q, row by row, diagonal included (p(p+1)/2) | a (p, only when
 * the second layer is trained) | b (p, only when the student biases are trained)]}. Q is symmetric, so only
 * its upper triangle is integrated. Immutable.
 */
public final class OverlapStateLayout {
    private final int p;
    private final int k;
    private final boolean trainedSecondLayer;
    private final int qOffset;
    private final int aOffset;
    private final boolean trainedBias;
    private final int bOffset;
    private final int dimension;

    /**
     * @param p                  student width ≥ 1
     * @param k                  teacher width ≥ 1
     * @param trainedSecondLayer whether a is part of the state
     */
    public OverlapStateLayout(int p, int k, boolean trainedSecondLayer) {
        this(p, k, trainedSecondLayer, false);
    }

    /**
     * @param p                  student width ≥ 1
     * @param k                  teacher width ≥ 1
     * @param trainedSecondLayer whether a is part of the state
     * @param trainedBias        whether the student biases b are part of the state (docs/theory.md §3.11)
     */
    public OverlapStateLayout(int p, int k, boolean trainedSecondLayer, boolean trainedBias) {
        if (p < 1) {
            throw new IllegalArgumentException("student.p: " + p + "; must be >= 1");
        }
        if (k < 1) {
            throw new IllegalArgumentException("teacher.k: " + k + "; must be >= 1");
        }
        this.p = p;
        this.k = k;
        this.trainedSecondLayer = trainedSecondLayer;
        this.qOffset = p * k;
        this.aOffset = qOffset + p * (p + 1) / 2;
        this.trainedBias = trainedBias;
        this.bOffset = aOffset + (trainedSecondLayer ? p : 0);
        this.dimension = bOffset + (trainedBias ? p : 0);
    }

    public int studentWidth() { return p; }
    public int teacherWidth() { return k; }
    public boolean trainedSecondLayer() { return trainedSecondLayer; }
    public boolean trainedBias() { return trainedBias; }
    public int dimension() { return dimension; }

    /** Index of M_ir in the state. */
    public int indexOfM(int i, int r) {
        return i * k + r;
    }

    /** Index of Q_ij = Q_ji in the state. */
    public int indexOfQ(int i, int j) {
        int lo = Math.min(i, j);
        int hi = Math.max(i, j);
        // rows 0..lo-1 hold p, p-1, ..., p-lo+1 entries
        return qOffset + lo * p - lo * (lo - 1) / 2 + (hi - lo);
    }

    /** Index of a_i in the state. @throws IllegalStateException when the second layer is fixed */
    public int indexOfA(int i) {
        if (!trainedSecondLayer) {
            throw new IllegalStateException("second layer is fixed: a is not part of the state");
        }
        return aOffset + i;
    }

    /**
     * The state vector of these overlaps and student biases b (length p; used only when the biases are trained).
     */
    public double[] pack(Overlaps o, double[] b) {
        double[] y = pack(o);
        if (trainedBias) {
            System.arraycopy(b, 0, y, bOffset, p);
        }
        return y;
    }

    /** Writes b from the state, or copies {@code fixedB} when the biases are fixed. */
    public void unpackB(double[] y, double[] fixedB, double[] b) {
        System.arraycopy(trainedBias ? y : fixedB, trainedBias ? bOffset : 0, b, 0, p);
    }

    /** Writes db/dt into yDot when the biases are trained (after {@link #packDerivative}). */
    public void packBiasDerivative(double[] db, double[] yDot) {
        if (trainedBias) {
            System.arraycopy(db, 0, yDot, bOffset, p);
        }
    }

    /** The state vector of these overlaps (zero biases when they are trained). */
    public double[] pack(Overlaps o) {
        if (o.studentWidth() != p || o.teacherWidth() != k) {
            throw new IllegalArgumentException("initial overlaps: p = " + o.studentWidth() + ", k = "
                    + o.teacherWidth() + "; the equations have p = " + p + ", k = " + k);
        }
        double[] y = new double[dimension];
        for (int i = 0; i < p; i++) {
            for (int r = 0; r < k; r++) {
                y[indexOfM(i, r)] = o.studentTeacherOverlap(i, r);
            }
            for (int j = i; j < p; j++) {
                y[indexOfQ(i, j)] = o.studentOverlap(i, j);
            }
            if (trainedSecondLayer) {
                y[aOffset + i] = o.studentSecondLayer(i);
            }
        }
        return y;
    }

    /** Copies M (p×k row-major) out of the state. */
    public void unpackM(double[] y, double[] m) {
        System.arraycopy(y, 0, m, 0, p * k);
    }

    /** Writes the full symmetric Q (p×p row-major) from the state. */
    public void unpackQ(double[] y, double[] q) {
        int idx = qOffset;
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                double v = y[idx++];
                q[i * p + j] = v;
                q[j * p + i] = v;
            }
        }
    }

    /** Writes a from the state, or copies {@code fixedA} when the second layer is fixed. */
    public void unpackA(double[] y, double[] fixedA, double[] a) {
        if (trainedSecondLayer) {
            System.arraycopy(y, aOffset, a, 0, p);
        } else {
            System.arraycopy(fixedA, 0, a, 0, p);
        }
    }

    /** Writes dM/dt, the upper triangle of a full symmetric dQ/dt and (if trained) da/dt into yDot. */
    public void packDerivative(double[] dM, double[] dQ, double[] da, double[] yDot) {
        System.arraycopy(dM, 0, yDot, 0, p * k);
        int idx = qOffset;
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                yDot[idx++] = dQ[i * p + j];
            }
        }
        if (trainedSecondLayer) {
            System.arraycopy(da, 0, yDot, aOffset, p);
        }
    }

    /**
     * docs/theory.md §7 name of a state component: {@code M_i_r}, {@code Q_i_j} (i ≤ j), {@code a_i} or
     * {@code b_i}.
     */
    public String componentName(int index) {
        if (index < 0 || index >= dimension) {
            throw new IndexOutOfBoundsException("state index " + index + " not in [0, " + dimension + ")");
        }
        if (index < qOffset) {
            return "M_" + index / k + "_" + index % k;
        }
        if (index < aOffset) {
            int rest = index - qOffset;
            for (int i = 0; i < p; i++) {
                int rowLength = p - i;
                if (rest < rowLength) {
                    return "Q_" + i + "_" + (i + rest);
                }
                rest -= rowLength;
            }
        }
        return index < bOffset ? "a_" + (index - aOffset) : "b_" + (index - bOffset);
    }
}
