package org.sgdlimits.meanfield;

/** Per-chunk scratch arrays of one {@link ParticleDrift} evaluation (N = teacher-field nodes). */
final class ChunkWorkspace {
    final double[] mu;
    final double[] s;
    final double[] variance;
    final double[] d;
    final double[] sd;
    final double[] dxi;
    final double[] sdxi;
    final double[] d2;
    final double[] sd2;
    final double[] s2d2;
    final double[] u;
    final double[] g;
    /** Partial population sums of this chunk: Σ w a S and Σ w a² V per node. */
    final double[] partialMean;
    final double[] partialVariance;
    double partialRiskVariance;

    /** Half-rule buffers (symmetric k = 1 rules) and lattice workspace. */
    final double[][] half;
    final double[] work;

    ChunkWorkspace(int nodes, int k, int halfNodes) {
        half = new double[9][halfNodes];
        work = new double[Math.max(nodes, ErfConditionalMoments.LATTICE_WORKSPACE)];
        mu = new double[nodes];
        s = new double[nodes];
        variance = new double[nodes];
        d = new double[nodes];
        sd = new double[nodes];
        dxi = new double[nodes];
        sdxi = new double[nodes];
        d2 = new double[nodes];
        sd2 = new double[nodes];
        s2d2 = new double[nodes];
        u = new double[k];
        g = new double[k];
        partialMean = new double[nodes];
        partialVariance = new double[nodes];
    }
}
