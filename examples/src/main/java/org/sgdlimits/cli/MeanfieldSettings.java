package org.sgdlimits.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.experiment.json.JsonFields;
import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.meanfield.factory.DensityPdeFactory;
import org.sgdlimits.meanfield.factory.MeanfieldClosure;
import org.sgdlimits.meanfield.factory.ParticleSystemFactory;
import org.sgdlimits.meanfield.pde.PdeGridDefaults;
import org.sgdlimits.meanfield.pde.SlopeLimiter;
import org.sgdlimits.meanfield.snapshot.BandwidthRule;

/**
 * The {@code meanfield} section of an experiment file (read by {@code sgdlimits meanfield}; every field
 * optional, defaults in {@link #parse} and in the README "meanfield" section).
 *
 * @param engine          engine named in the file, or null (the command line's --engine, else particles)
 * @param particles       explicit initial particles, or null
 * @param random          a sampled random initialisation, or null (neither: the experiment's {@code initial})
 * @param noiseTerm       keep the SGD-noise term (g/B) a² E[e² σ'²] of dq⊥/dt (finite p); false = the strict
 *                        p → ∞ limit at fixed γ. Default: true, false for regime classical
 * @param selfInteraction keep the finite-p self-interaction (j = i) terms with weight 1/p (default true);
 *                        false = width ∞
 * @param pde             grid options of the pde engine (defaults: {@link DensityPdeFactory.Grid#defaults()})
 * @param bandwidth       kernel bandwidth rule of particle snapshots (default silverman)
 * @param component       teacher component r of m_ir shown on the m axis of snapshots (default 0; k &gt; 1)
 * @param closure         particle closure (default plain; low-rank: docs/closure.md)
 * @param basis           basis of the low-rank correction (default m), null for the plain closure
 * @param rank            rank of the low-rank correction in [1, {@value MeanfieldClosure#MAX_RANK}] (default 1),
 *                        0 for the plain closure
 * @param latent          latent route of the low-rank correction of non-square activations (null: not given, the
 *                        series route)
 * @param order           order of the series route in [1, {@value MeanfieldClosure.Latent#MAX_ORDER}] (0: not
 *                        given, the default order)
 */
record MeanfieldSettings(MeanfieldEngine engine, ExplicitParticles particles, RandomStart random, boolean noiseTerm,
                         boolean selfInteraction, DensityPdeFactory.Grid pde, BandwidthRule bandwidth, int component,
                         MeanfieldClosure closure, MeanfieldClosure.Basis basis, int rank,
                         MeanfieldClosure.Latent latent, int order) {

    static final String SECTION = "meanfield";
    /** run.json lists the explicit particles themselves only up to this many. */
    static final int MAX_LISTED_PARTICLES = 1000;

    /**
     * Explicit particles (a_i, m_i, q⊥_i), flat arrays.
     *
     * @param a     second layer, length n
     * @param m     student–teacher overlaps, n×k row-major
     * @param qPerp orthogonal squared norms, length n
     */
    record ExplicitParticles(double[] a, double[] m, double[] qPerp) {
        int count() {
            return a.length;
        }
    }

    /**
     * Random initialisation at dimension d: m_i ~ N(0, σ₀² P/d), q⊥_i ~ σ₀² χ²_{d−k}/d (pde: the exact law).
     *
     * @param dimension d &gt; k (default 1000)
     * @param seed      seed (default 1)
     * @param variance  σ₀² &gt; 0 (default 1)
     */
    record RandomStart(int dimension, long seed, double variance) {
    }

    /** The section was absent: every default. */
    static MeanfieldSettings defaults(Experiment e) {
        return new MeanfieldSettings(null, null, null, ParticleSystemFactory.defaultNoiseTerm(e), true,
                DensityPdeFactory.Grid.defaults(), BandwidthRule.SILVERMAN, 0, MeanfieldClosure.PLAIN, null, 0, null,
                0);
    }

    /**
     * Reads the section (null: defaults) for an experiment; errors name {@code meanfield.<field>}.
     */
    static MeanfieldSettings parse(JsonNode node, Experiment e) {
        if (node == null) {
            return defaults(e);
        }
        JsonFields f = new JsonFields(node, SECTION);
        String engineName = f.string("engine", null);
        MeanfieldEngine engine = engineName == null ? null : MeanfieldEngine.parse(engineName, f.path("engine"));
        ExplicitParticles particles = f.has("particles") ? particles(node.get("particles"), e.k()) : null;
        RandomStart random = null;
        JsonFields r = f.object("random");
        if (r != null) {
            if (particles != null) {
                throw new ExperimentException(f.path("random"), "give either meanfield.particles or meanfield.random, "
                        + "not both");
            }
            int d = r.integer("dimension", 1000);
            long seed = r.longInteger("seed", 1);
            double variance = r.number("variance", 1.0);
            r.finish();
            if (d <= e.k()) {
                throw new ExperimentException(r.path("dimension"), d + "; must be an integer > k = " + e.k());
            }
            if (!(variance > 0)) {
                throw new ExperimentException(r.path("variance"), variance + "; must be a finite number > 0");
            }
            random = new RandomStart(d, seed, variance);
        }
        boolean noiseDefault = ParticleSystemFactory.defaultNoiseTerm(e);
        boolean noiseTerm = f.bool("noiseTerm", noiseDefault);
        if (noiseTerm && e.regime() == Regime.CLASSICAL) {
            throw new ExperimentException(f.path("noiseTerm"), "true but regime is classical (no SGD-noise term); "
                    + "set regime to high-dimensional or noiseTerm to false");
        }
        boolean selfInteraction = f.bool("selfInteraction", true);
        DensityPdeFactory.Grid pde = pdeGrid(f.object("pde"));
        BandwidthRule bandwidth = BandwidthRule.SILVERMAN;
        int component = 0;
        JsonFields s = f.object("snapshots");
        if (s != null) {
            String rule = s.string("bandwidth", "silverman");
            bandwidth = switch (rule.toLowerCase(Locale.ROOT)) {
                case "silverman" -> BandwidthRule.SILVERMAN;
                case "scott" -> BandwidthRule.SCOTT;
                default -> throw new ExperimentException(s.path("bandwidth"), "unknown rule '" + rule
                        + "'; allowed: silverman, scott");
            };
            component = s.integer("component", 0);
            s.finish();
            if (component < 0 || component >= e.k()) {
                throw new ExperimentException(s.path("component"), component + "; must lie in [0, k - 1 = "
                        + (e.k() - 1) + "]");
            }
        }
        MeanfieldClosure closure = MeanfieldClosure.parse(f.string("closure", "plain"), f.path("closure"));
        MeanfieldClosure.Basis basis = null;
        int rank = 0;
        MeanfieldClosure.Latent latent = null;
        int order = 0;
        if (closure == MeanfieldClosure.PLAIN) {
            for (String field : new String[] {"basis", "rank", "latent", "order"}) {
                if (f.has(field)) {
                    throw new ExperimentException(f.path(field), "given but meanfield.closure is plain; set "
                            + "\"closure\": \"low-rank\" or leave it out");
                }
            }
        } else {
            basis = MeanfieldClosure.Basis.parse(f.string("basis", "m"), f.path("basis"));
            rank = f.integer("rank", 1);
            if (rank < 1 || rank > MeanfieldClosure.MAX_RANK) {
                throw new ExperimentException(f.path("rank"), rank + "; must be an integer in [1, "
                        + MeanfieldClosure.MAX_RANK + "]");
            }
            if (rank > basis.columns()) {
                throw new ExperimentException(f.path("rank"), rank + "; the basis " + basis.id() + " has "
                        + basis.columns() + " column(s), so the rank must lie in [1, " + basis.columns() + "]");
            }
            if (f.has("latent")) {
                latent = MeanfieldClosure.Latent.parse(f.string("latent", "series"), f.path("latent"));
            }
            if (f.has("order")) {
                if (latent == MeanfieldClosure.Latent.QUADRATURE) {
                    throw new ExperimentException(f.path("order"), "given but meanfield.latent is quadrature; the "
                            + "order belongs to the series route");
                }
                order = f.integer("order", 0);
                if (order < 1 || order > MeanfieldClosure.Latent.MAX_ORDER) {
                    throw new ExperimentException(f.path("order"), order + "; must be an integer in [1, "
                            + MeanfieldClosure.Latent.MAX_ORDER + "]");
                }
            }
        }
        f.finish();
        return new MeanfieldSettings(engine, particles, random, noiseTerm, selfInteraction, pde, bandwidth, component,
                closure, basis, rank, latent, order);
    }

    private static DensityPdeFactory.Grid pdeGrid(JsonFields g) {
        if (g == null) {
            return DensityPdeFactory.Grid.defaults();
        }
        int xi = g.integer("xiCells", PdeGridDefaults.XI_CELLS);
        Integer q = g.has("qCells") ? g.integer("qCells", PdeGridDefaults.Q_CELLS) : null;
        Double stretch = g.has("stretch") ? g.number("stretch", 0) : null;
        Double mMax = g.has("mMax") ? g.number("mMax", 0) : null;
        Double qMax = g.has("qMax") ? g.number("qMax", 0) : null;
        double cfl = g.number("cfl", 0.8);
        SlopeLimiter both = limiter(g, "limiter");
        SlopeLimiter xiLimiter = limiter(g, "xiLimiter");
        SlopeLimiter qLimiter = limiter(g, "qLimiter");
        if (both != null && (xiLimiter != null || qLimiter != null)) {
            throw new ExperimentException(g.path("limiter"), "given together with " + (xiLimiter != null
                    ? "xiLimiter" : "qLimiter") + "; give either limiter (both directions) or xiLimiter/qLimiter");
        }
        SlopeLimiter fallback = both != null ? both : SlopeLimiter.KOREN;
        g.finish();
        if (xi < 4) {
            throw new ExperimentException(g.path("xiCells"), xi + "; must be an integer >= 4");
        }
        if (q != null && q < 4) {
            throw new ExperimentException(g.path("qCells"), q + "; must be an integer >= 4");
        }
        positive(g, "stretch", stretch);
        positive(g, "mMax", mMax);
        positive(g, "qMax", qMax);
        if (!(cfl > 0 && cfl < 1)) {
            throw new ExperimentException(g.path("cfl"), cfl + "; must lie in (0, 1)");
        }
        return new DensityPdeFactory.Grid(xi, q, stretch, mMax, qMax, cfl, xiLimiter != null ? xiLimiter : fallback,
                qLimiter != null ? qLimiter : fallback);
    }

    /** The limiter named by field {@code name}, or null when absent. */
    private static SlopeLimiter limiter(JsonFields g, String name) {
        if (!g.has(name)) {
            return null;
        }
        String id = g.string(name, null);
        SlopeLimiter l = SlopeLimiter.byId(id);
        if (l == null) {
            throw new ExperimentException(g.path(name), "unknown limiter '" + id + "'; allowed: "
                    + SlopeLimiter.allowedIds());
        }
        return l;
    }

    private static void positive(JsonFields g, String name, Double v) {
        if (v != null && !(v > 0)) {
            throw new ExperimentException(g.path(name), v + "; must be a finite number > 0");
        }
    }

    private static ExplicitParticles particles(JsonNode list, int k) {
        String path = SECTION + ".particles";
        if (!list.isArray() || list.isEmpty()) {
            throw new ExperimentException(path, "expected a non-empty array of {\"a\": ..., \"m\": ..., \"qperp\": ...}");
        }
        int n = list.size();
        double[] a = new double[n];
        double[] m = new double[n * k];
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            JsonFields p = new JsonFields(list.get(i), path + "[" + i + "]");
            a[i] = p.number("a", 1.0);
            if (!p.has("m")) {
                throw new ExperimentException(p.path("m"), "missing; give the student-teacher overlap m_i "
                        + (k == 1 ? "(a number)" : "(an array of k = " + k + " numbers)"));
            }
            JsonNode mv = list.get(i).get("m");
            if (mv.isNumber() && k == 1) {
                m[i] = p.number("m", 0);
            } else {
                double[] row = p.vector("m");
                if (row.length != k) {
                    throw new ExperimentException(p.path("m"), "has " + row.length + " entries; expected k = " + k
                            + " (teacher.k)");
                }
                System.arraycopy(row, 0, m, i * k, k);
            }
            if (!p.has("qperp")) {
                throw new ExperimentException(p.path("qperp"), "missing; give q_perp_i >= 0, the squared norm of "
                        + "the part of w_i/sqrt(d) orthogonal to the teacher");
            }
            q[i] = p.number("qperp", 0);
            if (!(q[i] >= 0)) {
                throw new ExperimentException(p.path("qperp"), q[i] + "; must be a finite number >= 0");
            }
            p.finish();
        }
        return new ExplicitParticles(a, m, q);
    }

    /** The section with defaults filled in, for run.json (automatic grid values as null). */
    ObjectNode toJson(MeanfieldEngine used, int k) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        root.put("engine", used.id());
        if (particles != null) {
            if (particles.count() <= MAX_LISTED_PARTICLES) {
                ArrayNode list = root.putArray("particles");
                for (int i = 0; i < particles.count(); i++) {
                    ObjectNode p = list.addObject();
                    p.put("a", particles.a()[i]);
                    if (k == 1) {
                        p.put("m", particles.m()[i]);
                    } else {
                        ArrayNode row = p.putArray("m");
                        for (int r = 0; r < k; r++) {
                            row.add(particles.m()[i * k + r]);
                        }
                    }
                    p.put("qperp", particles.qPerp()[i]);
                }
            } else {
                root.put("particles", particles.count() + " explicit particles (listed in the experiment file)");
            }
        }
        if (random != null) {
            ObjectNode r = root.putObject("random");
            r.put("dimension", random.dimension());
            r.put("seed", random.seed());
            r.put("variance", random.variance());
        }
        root.put("closure", closure.id());
        if (basis != null) {
            root.put("basis", basis.id());
            root.put("rank", rank);
        }
        if (latent != null) {
            root.put("latent", latent.id());
        }
        if (order != 0) {
            root.put("order", order);
        }
        root.put("noiseTerm", noiseTerm);
        root.put("selfInteraction", selfInteraction);
        ObjectNode g = root.putObject("pde");
        g.put("xiCells", pde.xiCells());
        g.put("qCells", pde.qCells());
        g.put("stretch", pde.stretch());
        g.put("mMax", pde.mMax());
        g.put("qMax", pde.qMax());
        g.put("cfl", pde.cfl());
        g.put("xiLimiter", pde.xiLimiter().id());
        g.put("qLimiter", pde.qLimiter().id());
        ObjectNode s = root.putObject("snapshots");
        s.put("bandwidth", bandwidth.name().toLowerCase(Locale.ROOT));
        s.put("component", component);
        return root;
    }
}
