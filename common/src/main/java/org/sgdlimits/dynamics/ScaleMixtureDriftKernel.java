package org.sgdlimits.dynamics;

import org.sgdlimits.gauss.GaussianScaleMixture;
import org.sgdlimits.gauss.ScaleMixtureMoments;

/**
 * The drift expectations through {@link ScaleMixtureMoments} with every tilt shared (docs/theory.md §3.10.1):
 * for the noise pair (i, j) each of the K² tilts of Ω by the σ' mixture of λ_i and λ_j serves the whole double
 * sum E'[(f − f*)²] = Σ_{u,v} c_u c_v E'[σ_u σ_v] (each unit's Hermite coefficients interpolated once per
 * tilt), and for G_iv each of the K tilts by σ'(λ_i) serves every (v, u). Centred fields only. Where a tilted
 * scale leaves the coefficient table or a Mehler sum does not converge, that term (gradient correlations, or one
 * noise pair) is recomputed term by term with the accurate {@link ScaleMixtureMoments#fallback()}.
 */
final class ScaleMixtureDriftKernel implements DriftKernel {
    private final ScaleMixtureMoments moments;
    private final GaussianScaleMixture mixture;
    private final GenericDriftKernel fallback;
    private final GenericDriftKernel untilted;
    private final ThreadLocal<Scratch> scratch = new ThreadLocal<>();

    ScaleMixtureDriftKernel(ScaleMixtureMoments moments) {
        this.moments = moments;
        this.mixture = moments.mixture();
        this.fallback = new GenericDriftKernel(moments.fallback());
        this.untilted = new GenericDriftKernel(moments);
    }

    /** Per-thread buffers: the tilted covariance and a Mehler workspace for n units. */
    private final class Scratch {
        final int n;
        final double[] tilted;
        final double[] weighted;
        final ScaleMixtureMoments.Workspace workspace;

        Scratch(int n) {
            this.n = n;
            this.tilted = new double[n * n];
            this.weighted = new double[n];
            this.workspace = moments.newWorkspace(n);
        }
    }

    private Scratch scratch(int n) {
        Scratch s = scratch.get();
        if (s == null || s.n != n) {
            s = new Scratch(n);
            scratch.set(s);
        }
        return s;
    }

    @Override
    public void gradientCorrelations(DriftWorkspace ws) {
        int n = ws.n;
        double[] c = ws.covariance;
        double[] coef = ws.coefficient;
        double[] g = ws.gradientCorrelation;
        double[] weighted = scratch(n).weighted;
        java.util.Arrays.fill(g, 0.0);
        // G_iv = Σ_k β_k N_k Σ_u c_u Σ'_vu E[σ_u'(√Σ'_uu η)], Σ' = Ω − a Ω_·i Ω_i·/(1 + a Ω_ii), a = 2 t_k
        for (int i = 0; i < ws.p; i++) {
            double cii = c[i * n + i];
            for (int k = 0; k < mixture.size(); k++) {
                double a = 2 * mixture.exponent(k);
                double denominator = 1 + a * cii;
                double shrink = a / denominator;
                double w = mixture.weight(k) / Math.sqrt(denominator);
                double along = 0; // Σ_u Ω_iu g_u
                for (int u = 0; u < n; u++) {
                    double ciu = c[i * n + u];
                    double gu = moments.derivativeMean(GenericDriftKernel.role(ws, u), c[u * n + u] - shrink * ciu * ciu);
                    if (Double.isNaN(gu)) {
                        fallback.gradientCorrelations(ws);
                        return;
                    }
                    weighted[u] = coef[u] * gu;
                    along += ciu * weighted[u];
                }
                for (int v = 0; v < n; v++) {
                    double dot = 0;
                    for (int u = 0; u < n; u++) {
                        dot += c[v * n + u] * weighted[u];
                    }
                    g[i * n + v] += w * (dot - shrink * c[v * n + i] * along);
                }
            }
        }
    }

    @Override
    public double outputCorrelation(DriftWorkspace ws, int i) {
        return untilted.outputCorrelation(ws, i);
    }

    @Override
    public double excessRisk(DriftWorkspace ws) {
        return untilted.excessRisk(ws);
    }

    @Override
    public void noisePair(DriftWorkspace ws, int i, int j, PairScratch out) {
        int n = ws.n;
        int p = ws.p;
        double[] coef = ws.coefficient;
        Scratch s = scratch(n);
        double[] t = s.tilted;
        ScaleMixtureMoments.Workspace mehler = s.workspace;
        int size = mixture.size();
        double ss = 0;
        double st = 0;
        double tt = 0;
        double j2 = 0;
        for (int k1 = 0; k1 < size; k1++) {
            // i = j: the tilt depends on t1 + t2 only, so (k1, k2) and (k2, k1) are one tilt counted twice
            for (int k2 = i == j ? k1 : 0; k2 < size; k2++) {
                double w = mixture.weight(k1) * mixture.weight(k2) * (i == j && k2 != k1 ? 2 : 1);
                double norm = ScaleMixtureMoments.tilt(ws.covariance, n, i, j, mixture.exponent(k1),
                        mixture.exponent(k2), t);
                w *= norm;
                j2 += w;
                for (int u = 0; u < n; u++) {
                    if (!mehler.load(u, GenericDriftKernel.role(ws, u), t[u * n + u])) {
                        fallback.noisePair(ws, i, j, out);
                        return;
                    }
                }
                // E'[(f − f*)²] split in blocks: Σ_{u,v} c_u c_v E'[σ_u σ_v]
                double bss = 0;
                double bst = 0;
                double btt = 0;
                for (int u = 0; u < n; u++) {
                    double cu = coef[u];
                    double diagonal = cu * cu * mehler.secondMoment(u);
                    double same = 0;
                    double cross = 0;
                    for (int v = u + 1; v < n; v++) {
                        double e = mehler.pair(u, v, t[u * n + v]);
                        if (Double.isNaN(e)) {
                            fallback.noisePair(ws, i, j, out);
                            return;
                        }
                        if ((u < p) == (v < p)) {
                            same += coef[v] * e;
                        } else {
                            cross += coef[v] * e;
                        }
                    }
                    if (u < p) {
                        bss += diagonal + 2 * cu * same;
                        bst += 2 * cu * cross;
                    } else {
                        btt += diagonal + 2 * cu * same;
                    }
                }
                ss += w * bss;
                st += w * bst;
                tt += w * btt;
            }
        }
        out.studentStudent = ss;
        out.studentTeacher = st;
        out.teacherTeacher = tt;
        out.derivativeCorrelation = j2;
    }
}
