/**
 * The engines of the narrow module built from a validated {@link org.sgdlimits.experiment.Experiment}: one
 * factory per engine, {@link org.sgdlimits.narrow.factory.OverlapOdeFactory} (the overlap ODE, docs/theory.md §3)
 * and {@link org.sgdlimits.narrow.factory.SimulatorFactory} (the explicit and Gram-chain SGD simulators, §2).
 * Commands call these instead of mapping experiment fields themselves; errors name the experiment-file field.
 */
package org.sgdlimits.narrow.factory;
