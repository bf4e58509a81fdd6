package org.sgdlimits.meanfield.snapshot;

import org.jtransforms.dct.DoubleDCT_1D;

/**
 * Separable Gaussian smoothing of binned masses on a uniform 2-D grid through the discrete cosine transform
 * (JTransforms), i.e. convolution with a Gaussian under REFLECTING boundaries: the DCT-II diagonalises the
 * convolution of the even extension of the data, and mode k (frequency ω_k = πk/(NΔ)) is multiplied by the
 * Gaussian's Fourier transform exp(−½ ω_k² h²). Mode 0 is untouched, so the total mass is preserved (the
 * reflecting wall at q⊥ = 0 is also the physical one: no mass is smeared to q⊥ &lt; 0). Tiny negative values
 * from the truncated spectrum (≈ 1e-17 of the peak) are clipped and the total restored exactly.
 *
 * <p>Stateless and thread-safe; cost O(N log N) per line.
 */
public final class GaussianSmoother {
    private GaussianSmoother() {
    }

    /**
     * @param masses   masses on an nx × ny grid, flat index i·ny + j (not modified)
     * @param hxCells  kernel standard deviation along i, in cells (0: no smoothing along i)
     * @param hyCells  kernel standard deviation along j, in cells
     * @return the smoothed masses, same total
     */
    public static double[] smooth(double[] masses, int nx, int ny, double hxCells, double hyCells) {
        if (masses.length != nx * ny) {
            throw new IllegalArgumentException("masses: length " + masses.length + "; must be nx*ny = " + nx * ny);
        }
        if (!(hxCells >= 0) || !(hyCells >= 0) || !Double.isFinite(hxCells) || !Double.isFinite(hyCells)) {
            throw new IllegalArgumentException("bandwidth in cells: (" + hxCells + ", " + hyCells
                    + "); must be finite numbers >= 0");
        }
        double total = 0;
        for (double v : masses) {
            total += v;
        }
        double[] out = masses.clone();
        if (hyCells > 0 && ny > 1) {
            double[] factor = attenuation(ny, hyCells);
            DoubleDCT_1D dct = new DoubleDCT_1D(ny);
            double[] line = new double[ny];
            for (int i = 0; i < nx; i++) {
                System.arraycopy(out, i * ny, line, 0, ny);
                filter(dct, line, factor);
                System.arraycopy(line, 0, out, i * ny, ny);
            }
        }
        if (hxCells > 0 && nx > 1) {
            double[] factor = attenuation(nx, hxCells);
            DoubleDCT_1D dct = new DoubleDCT_1D(nx);
            double[] line = new double[nx];
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    line[i] = out[i * ny + j];
                }
                filter(dct, line, factor);
                for (int i = 0; i < nx; i++) {
                    out[i * ny + j] = line[i];
                }
            }
        }
        double clipped = 0;
        for (int c = 0; c < out.length; c++) {
            if (out[c] < 0) {
                out[c] = 0;
            }
            clipped += out[c];
        }
        if (clipped > 0 && total > 0) {
            double f = total / clipped;
            for (int c = 0; c < out.length; c++) {
                out[c] *= f;
            }
        }
        return out;
    }

    /** exp(−½ (π k h/N)²) for the DCT-II modes k = 0..N−1 of a line of N cells, h in cells. */
    static double[] attenuation(int n, double hCells) {
        double[] f = new double[n];
        for (int k = 0; k < n; k++) {
            double w = Math.PI * k * hCells / n;
            f[k] = Math.exp(-0.5 * w * w);
        }
        return f;
    }

    private static void filter(DoubleDCT_1D dct, double[] line, double[] factor) {
        dct.forward(line, true);
        for (int k = 0; k < line.length; k++) {
            line[k] *= factor[k];
        }
        dct.inverse(line, true);
    }
}
