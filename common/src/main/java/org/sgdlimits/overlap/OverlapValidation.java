package org.sgdlimits.overlap;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/** Checks shared by the overlap containers; every failure names the field and what is allowed. */
final class OverlapValidation {
    /** Eigenvalues of Ω above −PSD_TOLERANCE·max|eigenvalue| are accepted (perfect recovery is on the PSD edge). */
    static final double PSD_TOLERANCE = 1e-10;

    private OverlapValidation() {
    }

    static void requireSize(String field, double[] values, int expected, String shape) {
        if (values == null) {
            throw new InvalidFieldException(FieldPath.parse(field), "missing; expected a " + shape + " matrix");
        }
        if (values.length != expected) {
            throw new InvalidFieldException(FieldPath.parse(field), "has " + values.length + " entries; expected " + shape
                    + " = " + expected);
        }
    }

    static void requireFinite(String field, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new InvalidFieldException(FieldPath.parse(field), "entry " + i + " is " + values[i]
                        + "; all entries must be finite numbers");
            }
        }
    }

    static double[] symmetrised(String field, double[] values, int n) {
        double[] s = values.clone();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double x = values[i * n + j];
                double y = values[j * n + i];
                double scale = Math.max(1.0, Math.max(Math.abs(x), Math.abs(y)));
                if (Math.abs(x - y) > 1e-10 * scale) {
                    throw new InvalidFieldException(FieldPath.parse(field), "not symmetric (entry [" + i + "][" + j + "] = " + x
                            + " but [" + j + "][" + i + "] = " + y + ")");
                }
                double mean = 0.5 * (x + y);
                s[i * n + j] = mean;
                s[j * n + i] = mean;
            }
        }
        return s;
    }

    static void requirePositiveSemiDefinite(double[] omega, int n) {
        DMatrixRMaj matrix = new DMatrixRMaj(n, n, true, omega);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eig.decompose(matrix)) {
            throw new InvalidFieldException(FieldPath.parse("Omega"), "eigen-decomposition of [[Q, M], [M^T, P]] failed");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int i = 0; i < n; i++) {
            double ev = eig.getEigenvalue(i).getReal();
            min = Math.min(min, ev);
            max = Math.max(max, Math.abs(ev));
        }
        if (min < -PSD_TOLERANCE * Math.max(1.0, max)) {
            throw new InvalidFieldException(FieldPath.parse("Omega"), "not positive semi-definite (smallest "
                    + "eigenvalue " + min + "); the overlaps of real weight vectors always are");
        }
    }
}
