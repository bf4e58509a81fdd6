package org.sgdlimits.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.sgdlimits.io.NpyWriter;
import org.sgdlimits.meanfield.dmft.DmftKernels;

/**
 * The memory-kernel files of {@code sgdlimits dmft --kernels} (docs/dmft.md, "Kernels as files"): one
 * (T+1) × (T+1) float64 NPY matrix per kernel, indexed [t][s] by step, and for a Monte Carlo run one more with
 * its standard error over the K sweeps. File formats only; the values come from {@link DmftKernels}.
 */
final class DmftKernelFiles {
    /** Largest T for which the kernels are written ((T+1)² values, 8 MB per file at T = 1000). */
    static final int MAX_STEPS = 1000;

    /** Kernel file stems, in the order R, Γ, C_g. */
    static final List<String> NAMES = List.of("kernel_R", "kernel_Gamma", "kernel_Cg");

    private static final List<String> MEANING = List.of("response R(t, s) of w(t) to a force at step s",
            "memory kernel Gamma(t, s)", "gradient-noise covariance C_g(t, s)");

    private DmftKernelFiles() {
    }

    /** Checks before computing that the kernels of a run of {@code steps} steps can be written. */
    static void checkSize(int steps) {
        if (steps > MAX_STEPS) {
            throw new IllegalArgumentException("--kernels: dmft.steps = " + steps + "; kernel files are (T+1)^2 "
                    + "values each, written for T <= " + MAX_STEPS + " (leave out --kernels or lower steps)");
        }
    }

    /** Writes the NPY files of {@code k} through {@code outputs} (kinds kernelR, kernelRSem, ...). */
    static void write(DmftKernels k, OutputDirectory dir, RunOutputs outputs) throws IOException {
        double[][][] values = {k.response(), k.memory(), k.noiseCovariance()};
        double[][][] errors = {k.responseError(), k.memoryError(), k.noiseCovarianceError()};
        int n = k.size();
        for (int i = 0; i < NAMES.size(); i++) {
            String stem = NAMES.get(i);
            Path npy = dir.file(stem + ".npy");
            NpyWriter.writeMatrix(values[i], npy);
            outputs.record(kind(stem, ""), npy, MEANING.get(i) + ", float64 " + n + " x " + n);
            if (errors[i] != null) {
                Path sem = dir.file(stem + "_sem.npy");
                NpyWriter.writeMatrix(errors[i], sem);
                outputs.record(kind(stem, "Sem"), sem, "standard error of " + stem + " over the sweeps");
            }
        }
    }

    private static String kind(String stem, String suffix) {
        String[] parts = stem.split("_");
        return parts[0] + parts[1] + suffix;
    }
}
