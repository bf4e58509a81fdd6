package org.sgdlimits.dynamics;

/**
 * Per-worker scratch and result slots of the noise sum for one student pair (i, j):
 * the blocks of Σ_{u,v} c_u c_v E[σ'(λ_i) σ'(λ_j) σ_u(λ_u) σ_v(λ_v)] split by unit type (student–student,
 * student–teacher counted twice, teacher–teacher) and J2 = E[σ'(λ_i) σ'(λ_j)].
 */
final class PairScratch {
    /** Per-unit hoisted values of the current pair (for erf: ρ_u, ψ_u1, ψ_u2; see ErfDriftKernel#noisePair). */
    final double[] perUnit;
    final double[] perUnit2;
    final double[] perUnit3;
    double studentStudent;
    double studentTeacher;
    double teacherTeacher;
    double derivativeCorrelation;

    PairScratch(int n) {
        this.perUnit = new double[n];
        this.perUnit2 = new double[n];
        this.perUnit3 = new double[n];
    }
}
