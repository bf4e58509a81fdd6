/**
 * The mean-field engines built from a validated {@link org.sgdlimits.experiment.Experiment} (docs/theory.md §5):
 * one factory per engine, {@link org.sgdlimits.meanfield.factory.ParticleSystemFactory} (the particle drift's
 * coefficients, the initial particles, the particle system), {@link org.sgdlimits.meanfield.factory.DensityPdeFactory}
 * (which experiments the density PDE solves, its grid defaults, initial density and solver),
 * {@link org.sgdlimits.meanfield.factory.FullOdeFactory} (the full p×p overlap ODE with the noise term on or off) and
 * {@link org.sgdlimits.meanfield.factory.ClosureFactory} (the low-rank corrected closures, docs/closure.md, and
 * what they are implemented for), with the closure choice {@link org.sgdlimits.meanfield.factory.MeanfieldClosure}.
 * The physics defaults of the mean-field engines live here; the command line only reads its options and calls
 * these factories. Errors are {@link org.sgdlimits.experiment.ExperimentException}s naming the file field.
 */
package org.sgdlimits.meanfield.factory;
