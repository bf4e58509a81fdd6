package org.sgdlimits.cli;

import org.sgdlimits.validation.InvalidFieldException;

import org.sgdlimits.validation.FieldPath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.experiment.json.ExperimentJson;
import org.sgdlimits.experiment.json.ExperimentParser;
import org.sgdlimits.experiment.json.JsonFields;
import org.sgdlimits.meanfield.dmft.DmftEngine;
import org.sgdlimits.meanfield.dmft.DmftModel;
import org.sgdlimits.meanfield.dmft.Loss;
import org.sgdlimits.meanfield.dmft.Momentum;
import org.sgdlimits.meanfield.dmft.SelectionProcess;
import org.sgdlimits.meanfield.dmft.TeacherMap;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The {@code dmft} section of an experiment file (read by {@code sgdlimits dmft}; docs/dmft.md and the README
 * section "Multi-pass SGD by DMFT"). The student and teacher sections keep their meaning (p = k = 1; ρ is the
 * teacher's P), {@code noise} is the label-noise variance σ².
 *
 * @param model   the validated multi-pass problem
 * @param engine  exact, montecarlo or auto (exact when it applies)
 * @param paths   Monte Carlo paths S per sweep
 * @param seeds   independent sweeps K
 * @param seed    base seed
 * @param algorithmJson the algorithm object with defaults, for run.json
 */
record DmftSettings(DmftModel model, Engine engine, int paths, int seeds, long seed, ObjectNode algorithmJson) {

    static final String SECTION = "dmft";
    /** Largest supported number of steps. */
    static final int MAX_STEPS = 20000;

    /** Which n-side ensemble. */
    enum Engine {
        AUTO, EXACT, MONTECARLO;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Reads the section for an experiment; errors name {@code dmft.<field>} and the allowed range.
     *
     * @throws ExperimentException for any invalid or missing field
     */
    static DmftSettings parse(JsonNode node, Experiment e) {
        if (node == null) {
            throw new ExperimentException(SECTION, "missing; 'sgdlimits dmft' needs a \"dmft\" section "
                    + "(samplesPerDimension, stepSize, steps, ...)");
        }
        if (e.p() != 1 || e.k() != 1) {
            throw new ExperimentException(e.p() != 1 ? "student.p" : "teacher.k", (e.p() != 1 ? e.p() : e.k())
                    + "; here the DMFT engine takes a generalised linear model (p = k = 1); a committee runs "
                    + "through 'sgdlimits dmft' itself, not in sweep cells");
        }
        if (e.biases() != null) {
            throw new ExperimentException("student.bias", "biases are not supported by the dmft engine; remove "
                    + "student.bias, teacher.bias and student.trainBias");
        }
        JsonFields f = new JsonFields(node, SECTION);
        double alpha = positive(f, "samplesPerDimension", Double.NaN);
        Loss loss = wrap(f, "loss", () -> Loss.named(f.string("loss", "square"), f.path("loss")));
        double sigma = Math.sqrt(e.noise());
        TeacherMap teacher = wrap(f, "teacherMap", () -> TeacherMap.named(f.string("teacherMap", "linear"),
                e.teacher().activation(), sigma, f.path("teacherMap")));
        double[] etas = stepSizes(f);
        double ridge = f.number("ridge", 0.0); // range: DmftModel (its error names dmft.ridge)
        ObjectNode algorithmJson = JsonNodeFactory.instance.objectNode();
        SelectionProcess selection = algorithm(f.object("algorithm"), f.path("algorithm"), algorithmJson);
        Momentum momentum = momentum(f.object("momentum"));
        double c0 = 0.0;
        double qv = 1.0;
        JsonFields init = f.object("initial");
        if (init != null) {
            c0 = init.number("teacherOverlap", 0.0);
            qv = init.number("orthogonalNorm", 1.0);
            init.finish(); // ranges: DmftModel (its errors name dmft.initial.*)
        }
        String engineName = f.string("engine", "auto");
        Engine engine = switch (engineName.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> Engine.AUTO;
            case "exact" -> Engine.EXACT;
            case "montecarlo", "monte-carlo" -> Engine.MONTECARLO;
            default -> throw new ExperimentException(f.path("engine"), "unknown value '" + engineName
                    + "'; allowed: auto, exact, montecarlo");
        };
        int paths = f.integer("paths", 20000);
        int seeds = f.integer("seeds", 4);
        long seed = f.longInteger("seed", 1);
        f.finish();
        checkPaths(paths, f.path("paths"));
        checkSeeds(seeds, f.path("seeds"));
        double rho = e.teacher().P()[0];
        double teacherOverlap = c0;
        double orthogonalNorm = qv;
        DmftModel model = wrap(f, "", () -> new DmftModel(alpha, rho, teacher, loss, ridge,
                etas, selection, momentum, teacherOverlap, orthogonalNorm));
        if (engine == Engine.EXACT && !model.exactClosureApplies()) {
            throw new ExperimentException(f.path("engine"), "exact needs loss square, teacherMap linear and "
                    + "algorithm gd; use auto or montecarlo");
        }
        return new DmftSettings(model, engine, paths, seeds, seed, algorithmJson);
    }


    /**
     * The step sizes η_0 … η_{T−1}: {@code schedule} [η_0, …] or {@code stepSize} with {@code steps} (shared with
     * the committee settings).
     */
    static double[] stepSizes(JsonFields f) {
        double[] etas;
        if (f.has("schedule")) {
            if (f.has("stepSize")) {
                throw new ExperimentException(f.path("stepSize"), "given together with dmft.schedule; give one of them");
            }
            etas = f.vector("schedule");
            if (etas.length < 1 || etas.length > MAX_STEPS) {
                throw new ExperimentException(f.path("schedule"), etas.length + " step sizes; must be 1 to " + MAX_STEPS);
            }
            for (int i = 0; i < etas.length; i++) {
                if (!(etas[i] > 0)) {
                    throw new ExperimentException(f.path("schedule") + "[" + i + "]", etas[i]
                            + "; must be a finite number > 0");
                }
            }
            if (f.has("steps") && f.integer("steps", 0) != etas.length) {
                throw new ExperimentException(f.path("steps"), f.integer("steps", 0) + " but dmft.schedule has "
                        + etas.length + " step sizes; they must agree (or leave steps out)");
            }
        } else {
            double eta = positive(f, "stepSize", Double.NaN);
            if (!f.has("steps")) {
                throw new ExperimentException(f.path("steps"), "missing; the number of steps T, an integer in [1, "
                        + MAX_STEPS + "]");
            }
            int steps = f.integer("steps", 0);
            if (steps < 1 || steps > MAX_STEPS) {
                throw new ExperimentException(f.path("steps"), steps + "; must be an integer in [1, " + MAX_STEPS
                        + "]");
            }
            etas = DmftModel.constantSteps(eta, steps);
        }
        return etas;
    }

    /**
     * Reads the section of an experiment file (the {@code sgdlimits dmft} command and its sweep cells).
     *
     * @throws ExperimentException for any invalid or missing field
     */
    static DmftSettings of(ExperimentParser.ExperimentFile file) {
        return parse(file.sections().get(SECTION), file.experiment());
    }

    /**
     * Runs the DMFT engine these settings choose: the exact closure, or the Monte Carlo sweep (K sweeps of S
     * paths from {@link #seed}, with the finite-S bias sweeps at S/4).
     *
     * @param parallel whether the Monte Carlo chunks may use several threads (the result is identical either way)
     * @return the trajectory (columns of {@link DmftEngine}; a diverged run ends early with a diverged status)
     */
    Trajectory run(boolean parallel) {
        return engine(parallel).run();
    }

    /** The engine {@link #run(boolean)} runs, as the one engine contract (configured, not yet run). */
    org.sgdlimits.trajectory.Engine<Trajectory> engine(boolean parallel) {
        return exact() ? DmftEngine.exactEngine(model)
                : DmftEngine.monteCarloEngine(model, monteCarloSettings(parallel));
    }

    /**
     * {@link #run(boolean)} with the memory kernels R, Γ, C_g of the run (Monte Carlo: mean and standard error
     * over the K sweeps at S paths).
     */
    DmftEngine.Result runWithKernels(boolean parallel) {
        return exact() ? DmftEngine.exactWithKernels(model)
                : DmftEngine.monteCarloWithKernels(model, monteCarloSettings(parallel), true);
    }

    private DmftEngine.MonteCarloSettings monteCarloSettings(boolean parallel) {
        return new DmftEngine.MonteCarloSettings(paths, seeds, seed, true, parallel);
    }

    /** The same settings with another base seed. */
    DmftSettings withSeed(long newSeed) {
        return new DmftSettings(model, engine, paths, seeds, newSeed, algorithmJson);
    }

    /** The experiment with this section filled in with its defaults (run.json, a sweep cell's resolved experiment). */
    ObjectNode experimentJson(Experiment e) {
        ObjectNode j = ExperimentJson.toJson(e);
        j.set(SECTION, toJson());
        return j;
    }

    /** Range of the Monte Carlo path count (also for --paths). */
    static void checkPaths(int paths, String field) {
        if (paths < 8 || paths > 100_000_000) {
            throw new ExperimentException(field, paths + "; must be an integer in [8, 100000000]");
        }
    }

    /** Range of the sweep count (also for --seeds). */
    static void checkSeeds(int seeds, String field) {
        if (seeds < 2 || seeds > 1000) {
            throw new ExperimentException(field, seeds + "; must be an integer in [2, 1000] (error bars need 2)");
        }
    }

    /** Whether the run uses the exact closure. */
    boolean exact() {
        return engine == Engine.EXACT || (engine == Engine.AUTO && model.exactClosureApplies());
    }

    /** The same settings with other Monte Carlo sizes (command-line overrides). */
    DmftSettings withSizes(Integer newPaths, Integer newSeeds) {
        if (newPaths != null) {
            checkPaths(newPaths, "--paths");
        }
        if (newSeeds != null) {
            checkSeeds(newSeeds, "--seeds");
        }
        return new DmftSettings(model, engine, newPaths != null ? newPaths : paths, newSeeds != null ? newSeeds : seeds,
                seed, algorithmJson);
    }

    static SelectionProcess algorithm(JsonFields a, String path, ObjectNode json) {
        if (a == null) {
            json.put("kind", "gd");
            return SelectionProcess.FULL_BATCH;
        }
        String kind = a.string("kind", "gd").trim().toLowerCase(Locale.ROOT);
        json.put("kind", kind);
        SelectionProcess s = switch (kind) {
            case "gd" -> SelectionProcess.FULL_BATCH;
            case "bernoulli" -> {
                double b = a.number("batchFraction", Double.NaN);
                json.put("batchFraction", b);
                yield wrap(a, "batchFraction", () -> SelectionProcess.bernoulli(b));
            }
            case "reshuffle" -> {
                int epoch = a.integer("epochSteps", 0);
                json.put("epochSteps", epoch);
                yield wrap(a, "epochSteps", () -> SelectionProcess.reshuffle(epoch));
            }
            case "persistent" -> {
                double b = a.number("batchFraction", Double.NaN);
                double p = a.number("persistence", 0.5);
                json.put("batchFraction", b);
                json.put("persistence", p);
                yield wrap(a, "batchFraction", () -> SelectionProcess.persistent(b, p));
            }
            case "sgf" -> {
                double tau = a.number("temperature", Double.NaN);
                json.put("temperature", tau);
                yield wrap(a, "temperature", () -> SelectionProcess.gaussian(tau));
            }
            default -> throw new ExperimentException(a.path("kind"), "unknown value '" + kind
                    + "'; allowed: gd, bernoulli, reshuffle, persistent, sgf");
        };
        a.finish();
        return s;
    }

    private static Momentum momentum(JsonFields m) {
        if (m == null) {
            return Momentum.NONE;
        }
        String kind = m.string("kind", "none").trim().toLowerCase(Locale.ROOT);
        Momentum.Kind k = switch (kind) {
            case "none" -> Momentum.Kind.NONE;
            case "heavy-ball" -> Momentum.Kind.HEAVY_BALL;
            case "nesterov" -> Momentum.Kind.NESTEROV;
            default -> throw new ExperimentException(m.path("kind"), "unknown value '" + kind
                    + "'; allowed: none, heavy-ball, nesterov");
        };
        double beta = m.number("beta", 0.0);
        m.finish();
        return wrap(m, "beta", () -> new Momentum(k, beta));
    }

    static double positive(JsonFields f, String name, double defaultValue) {
        if (Double.isNaN(defaultValue) && !f.has(name)) {
            throw new ExperimentException(f.path(name), "missing; must be a finite number > 0");
        }
        double v = f.number(name, defaultValue);
        if (!(v > 0)) {
            throw new ExperimentException(f.path(name), v + "; must be a finite number > 0");
        }
        return v;
    }

    /**
     * Runs a library validation, turning its error into a field error: a typed error on a {@code dmft.*} field
     * keeps that field; any other error is placed at {@code name} (the section when empty) with its whole message.
     */
    static <T> T wrap(JsonFields f, String name, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (ExperimentException e) {
            throw e;
        } catch (InvalidFieldException e) {
            if (e.fieldPath().startsWith(FieldPath.of(SECTION))) {
                throw ExperimentException.from(e);
            }
            throw new ExperimentException(name.isEmpty() ? SECTION : f.path(name), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ExperimentException(name.isEmpty() ? SECTION : f.path(name), e.getMessage());
        }
    }

    /** {@code stepSize} when the steps are constant, else {@code schedule} [η_0, …] (the section's JSON). */
    static void putStepSizes(ObjectNode j, double[] etas) {
        boolean constant = java.util.Arrays.stream(etas).allMatch(x -> x == etas[0]);
        if (constant) {
            j.put("stepSize", etas[0]);
        } else {
            var array = j.putArray("schedule");
            for (double x : etas) {
                array.add(x);
            }
        }
    }

    /** The section with defaults filled in, for run.json. */
    ObjectNode toJson() {
        ObjectNode j = JsonNodeFactory.instance.objectNode();
        j.put("samplesPerDimension", model.alpha());
        j.put("loss", model.loss().id());
        j.put("teacherMap", model.teacher().id());
        putStepSizes(j, model.stepSizes());
        j.put("ridge", model.ridge());
        j.put("steps", model.steps());
        j.set("algorithm", algorithmJson);
        ObjectNode m = j.putObject("momentum");
        m.put("kind", model.momentum().kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        m.put("beta", model.momentum().beta());
        ObjectNode init = j.putObject("initial");
        init.put("teacherOverlap", model.c0());
        init.put("orthogonalNorm", model.qv());
        j.put("engine", engine.id());
        j.put("paths", paths);
        j.put("seeds", seeds);
        j.put("seed", seed);
        return j;
    }
}
