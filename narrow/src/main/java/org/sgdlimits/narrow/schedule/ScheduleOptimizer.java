package org.sgdlimits.narrow.schedule;

import java.util.Objects;

/**
 * Minimises a {@link ScheduleCost} over the piece values 0 &lt; s_j &lt; s_max (docs/theory.md §3.9): L-BFGS
 * (memory 8, Armijo backtracking) in z_j = logit(s_j/s_max), so the bounds hold by construction and small rates
 * are resolved on a log scale (s ≈ s_max e^z). The gradient is the adjoint gradient of {@link ScheduleCost}
 * times ds/dz = s(1 − s/s_max). Stops when the objective changes by less than {@code relativeTolerance}
 * (relative) over three successive iterations, when the line search cannot decrease it, or after
 * {@code maxIterations}. Immutable settings; {@link #optimise} is not thread-safe for one cost.
 *
 * @param maxFactor         s_max &gt; 0, the upper bound of s (a stability cap, e.g. below the critical rate)
 * @param maxIterations     L-BFGS iterations, ≥ 1
 * @param relativeTolerance stopping tolerance on J, &gt; 0
 */
public record ScheduleOptimizer(double maxFactor, int maxIterations, double relativeTolerance) {
    private static final int MEMORY = 8;

    public ScheduleOptimizer {
        if (!(maxFactor > 0) || !Double.isFinite(maxFactor)) {
            throw new IllegalArgumentException("maxFactor: " + maxFactor + "; must be a finite number > 0");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations: " + maxIterations + "; must be >= 1");
        }
        if (!(relativeTolerance > 0)) {
            throw new IllegalArgumentException("relativeTolerance: " + relativeTolerance + "; must be > 0");
        }
    }

    /**
     * The optimised schedule.
     *
     * @param grid       the pieces
     * @param factors    s_j
     * @param value      J at s
     * @param initialValue J at the starting schedule
     * @param iterations L-BFGS iterations taken
     * @param converged  whether the tolerance was met (false: iteration limit)
     * @param forwardSolves  forward ODE solves used
     * @param backwardSolves adjoint solves used
     */
    public record Result(ScheduleGrid grid, double[] factors, double value, double initialValue, int iterations,
                         boolean converged, long forwardSolves, long backwardSolves) {
        public Result {
            factors = factors.clone();
        }

        @Override public double[] factors() { return factors.clone(); }
    }

    /**
     * Minimises from the starting piece values {@code start} (each in (0, s_max); values at the bounds are moved
     * just inside).
     *
     * @throws IllegalArgumentException when the starting schedule diverges
     */
    public Result optimise(ScheduleCost cost, double[] start) {
        Objects.requireNonNull(cost, "cost");
        int n = cost.grid().pieces();
        if (start.length != n) {
            throw new IllegalArgumentException("start: " + start.length + " values for " + n + " pieces");
        }
        long fw0 = cost.forwardSolves();
        long bw0 = cost.backwardSolves();
        double[] z = new double[n];
        for (int j = 0; j < n; j++) {
            double r = Math.min(Math.max(start[j] / maxFactor, 1e-9), 1 - 1e-9);
            z[j] = Math.log(r / (1 - r));
        }
        double[] s = factorsOf(z);
        ScheduleCost.Evaluation e = cost.evaluate(s, true);
        if (!e.finite() || e.gradient() == null) {
            throw new IllegalArgumentException("start: the starting schedule diverges (J = " + e.value() + ")");
        }
        double f = e.value();
        double initial = f;
        double[] g = chain(e.gradient(), s);
        double[][] sHist = new double[MEMORY][];
        double[][] yHist = new double[MEMORY][];
        double[] rho = new double[MEMORY];
        int stored = 0;
        int newest = -1;
        int quiet = 0;
        int iteration = 0;
        boolean converged = false;
        while (iteration < maxIterations) {
            iteration++;
            double[] d = direction(g, sHist, yHist, rho, stored, newest);
            double slope = dot(g, d);
            if (!(slope < 0)) {
                for (int j = 0; j < n; j++) {
                    d[j] = -g[j];
                }
                slope = dot(g, d);
                stored = 0;
            }
            double step = 1.0;
            if (stored == 0) {
                double dmax = 0;
                for (double v : d) {
                    dmax = Math.max(dmax, Math.abs(v));
                }
                step = dmax > 0 ? Math.min(1.0, 1.0 / dmax) : 0;
            }
            double[] zNew = new double[n];
            ScheduleCost.Evaluation trial = null;
            boolean accepted = false;
            for (int ls = 0; ls < 40 && step > 0; ls++) {
                for (int j = 0; j < n; j++) {
                    zNew[j] = z[j] + step * d[j];
                }
                trial = cost.evaluate(factorsOf(zNew), false);
                if (trial.finite() && trial.value() <= f + 1e-4 * step * slope) {
                    trial = cost.evaluate(factorsOf(zNew), true); // the adjoint pass only for accepted steps
                    accepted = trial.gradient() != null;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                converged = true; // no decrease along a descent direction: a (numerical) stationary point
                break;
            }
            double[] sNew = factorsOf(zNew);
            double[] gNew = chain(trial.gradient(), sNew);
            double[] sk = new double[n];
            double[] yk = new double[n];
            for (int j = 0; j < n; j++) {
                sk[j] = zNew[j] - z[j];
                yk[j] = gNew[j] - g[j];
            }
            double sy = dot(sk, yk);
            if (sy > 1e-12 * Math.sqrt(dot(sk, sk) * dot(yk, yk))) {
                newest = (newest + 1) % MEMORY;
                sHist[newest] = sk;
                yHist[newest] = yk;
                rho[newest] = 1.0 / sy;
                stored = Math.min(stored + 1, MEMORY);
            }
            double change = Math.abs(f - trial.value());
            z = zNew;
            f = trial.value();
            g = gNew;
            quiet = change <= relativeTolerance * Math.max(Math.abs(f), 1e-300) ? quiet + 1 : 0;
            if (quiet >= 3) {
                converged = true;
                break;
            }
        }
        return new Result(cost.grid(), factorsOf(z), f, initial, iteration, converged,
                cost.forwardSolves() - fw0, cost.backwardSolves() - bw0);
    }

    /** s = s_max / (1 + e^{−z}). */
    private double[] factorsOf(double[] z) {
        double[] s = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            s[j] = maxFactor / (1 + Math.exp(-z[j]));
        }
        return s;
    }

    /** ∂J/∂z = ∂J/∂s · s(1 − s/s_max). */
    private double[] chain(double[] gradS, double[] s) {
        double[] g = new double[s.length];
        for (int j = 0; j < s.length; j++) {
            g[j] = gradS[j] * s[j] * (1 - s[j] / maxFactor);
        }
        return g;
    }

    /** The L-BFGS two-loop recursion: −H g. */
    private static double[] direction(double[] g, double[][] sHist, double[][] yHist, double[] rho, int stored,
                                      int newest) {
        double[] q = g.clone();
        double[] alpha = new double[MEMORY];
        for (int i = 0; i < stored; i++) {
            int idx = Math.floorMod(newest - i, MEMORY);
            alpha[idx] = rho[idx] * dot(sHist[idx], q);
            axpy(-alpha[idx], yHist[idx], q);
        }
        if (stored > 0) {
            double scale = dot(sHist[newest], yHist[newest]) / dot(yHist[newest], yHist[newest]);
            for (int j = 0; j < q.length; j++) {
                q[j] *= scale;
            }
        }
        for (int i = stored - 1; i >= 0; i--) {
            int idx = Math.floorMod(newest - i, MEMORY);
            double beta = rho[idx] * dot(yHist[idx], q);
            axpy(alpha[idx] - beta, sHist[idx], q);
        }
        for (int j = 0; j < q.length; j++) {
            q[j] = -q[j];
        }
        return q;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }
}
