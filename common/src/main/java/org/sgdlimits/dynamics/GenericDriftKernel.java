package org.sgdlimits.dynamics;

import org.sgdlimits.gauss.GaussianMoments;
import org.sgdlimits.gauss.MeanShiftedMoments;
import org.sgdlimits.gauss.Role;

/**
 * The drift expectations for any activation pair, one moment call per term, at the means loaded in the
 * workspace (the biases, docs/theory.md §3.11; all zero without biases). Uses only the symmetries that hold for
 * every pair (u ↔ v in the noise double sum, with the roles and means swapped).
 */
final class GenericDriftKernel implements DriftKernel {
    private final MeanShiftedMoments moments;

    /** Centred fields: the provider's own moments, called in the same order as always. */
    GenericDriftKernel(GaussianMoments moments) {
        this.moments = new CentredMoments(moments);
    }

    /** Fields with means (biases). */
    GenericDriftKernel(MeanShiftedMoments moments) {
        this.moments = moments;
    }

    /** The role of unit u: a student unit (u &lt; p) or a teacher unit. */
    static Role role(DriftWorkspace ws, int u) {
        return u < ws.p ? Role.STUDENT : Role.TEACHER;
    }

    @Override
    public void gradientCorrelations(DriftWorkspace ws) {
        int n = ws.n;
        double[] c = ws.covariance;
        double[] coef = ws.coefficient;
        double[] mu = ws.mean;
        for (int i = 0; i < ws.p; i++) {
            double cii = c[i * n + i];
            for (int v = 0; v < n; v++) {
                double civ = c[i * n + v];
                double cvv = c[v * n + v];
                // G_iv = Σ_u c_u E[σ'(λ_i) λ_v σ_u(λ_u)]   (docs/theory.md §3, I3 with 1 = i, 2 = v, 3 = u)
                double sum = 0;
                for (int u = 0; u < n; u++) {
                    sum += coef[u] * moments.i3(role(ws, u), cii, civ, c[i * n + u], cvv, c[v * n + u],
                            c[u * n + u], mu[i], mu[u]);
                }
                ws.gradientCorrelation[i * n + v] = sum;
            }
        }
    }

    @Override
    public double outputCorrelation(DriftWorkspace ws, int i) {
        int n = ws.n;
        double[] c = ws.covariance;
        // E[(f − f*) σ(λ_i)] = Σ_u c_u E[σ(λ_i) σ_u(λ_u)]
        double sum = 0;
        for (int u = 0; u < n; u++) {
            sum += ws.coefficient[u] * moments.i2(Role.STUDENT, role(ws, u), c[i * n + i], c[i * n + u],
                    c[u * n + u], ws.mean[i], ws.mean[u]);
        }
        return sum;
    }

    /** E[(f − f*) σ'(λ_i)] = Σ_u c_u K2(i, u), the bias drift (docs/theory.md §3.11; needs means). */
    double derivativeOutputCorrelation(DriftWorkspace ws, int i) {
        int n = ws.n;
        double[] c = ws.covariance;
        double sum = 0;
        for (int u = 0; u < n; u++) {
            sum += ws.coefficient[u] * moments.k2(role(ws, u), c[i * n + i], c[i * n + u], c[u * n + u],
                    ws.mean[i], ws.mean[u]);
        }
        return sum;
    }

    @Override
    public double excessRisk(DriftWorkspace ws) {
        int n = ws.n;
        double[] c = ws.covariance;
        double[] coef = ws.coefficient;
        double[] mu = ws.mean;
        // ε = ½ Σ_{u,v} c_u c_v E[σ_u(λ_u) σ_v(λ_v)] = ½ Σ_u c_u (c_u I2(u,u) + 2 Σ_{v>u} c_v I2(u,v))
        double sum = 0;
        for (int u = 0; u < n; u++) {
            double cuu = c[u * n + u];
            Role ru = role(ws, u);
            double row = 0;
            for (int v = u + 1; v < n; v++) {
                row += coef[v] * moments.i2(ru, role(ws, v), cuu, c[u * n + v], c[v * n + v], mu[u], mu[v]);
            }
            sum += coef[u] * (coef[u] * moments.i2(ru, ru, cuu, cuu, cuu, mu[u], mu[u]) + 2 * row);
        }
        return 0.5 * sum;
    }

    @Override
    public void noisePair(DriftWorkspace ws, int i, int j, PairScratch out) {
        int n = ws.n;
        int p = ws.p;
        double[] c = ws.covariance;
        double[] coef = ws.coefficient;
        double[] mu = ws.mean;
        double mi = mu[i];
        double mj = mu[j];
        double cii = c[i * n + i];
        double cij = c[i * n + j];
        double cjj = c[j * n + j];
        // Σ_{u,v} c_u c_v I4(i,j,u,v) = Σ_u c_u (c_u I4(i,j,u,u) + 2 Σ_{v>u} c_v I4(i,j,u,v)), split in blocks
        double ss = 0;
        double st = 0;
        double tt = 0;
        for (int u = 0; u < n; u++) {
            Role ru = role(ws, u);
            double ciu = c[i * n + u];
            double cju = c[j * n + u];
            double cuu = c[u * n + u];
            double mu0 = mu[u];
            double diagonal = moments.i4(ru, ru, cii, cij, ciu, ciu, cjj, cju, cju, cuu, cuu, cuu, mi, mj, mu0, mu0);
            double sameType = 0;
            double crossType = 0;
            for (int v = u + 1; v < n; v++) {
                double term = coef[v] * moments.i4(ru, role(ws, v), cii, cij, ciu, c[i * n + v], cjj, cju,
                        c[j * n + v], cuu, c[u * n + v], c[v * n + v], mi, mj, mu0, mu[v]);
                if ((u < p) == (v < p)) {
                    sameType += term;
                } else {
                    crossType += term;
                }
            }
            double same = coef[u] * (coef[u] * diagonal + 2 * sameType);
            if (u < p) {
                ss += same;
                st += 2 * coef[u] * crossType;
            } else {
                tt += same;
            }
        }
        out.studentStudent = ss;
        out.studentTeacher = st;
        out.teacherTeacher = tt;
        out.derivativeCorrelation = moments.j2(cii, cij, cjj, mi, mj);
    }
}
