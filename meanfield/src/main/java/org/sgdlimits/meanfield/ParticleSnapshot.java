package org.sgdlimits.meanfield;

import java.util.Objects;

/**
 * The particle state at one recorded time of a {@link ParticleSystem} run.
 *
 * @param requestedTime the snapshot time asked for
 * @param time          the recorded grid time it was taken at (the grid time nearest to the request)
 * @param particles     the particles at {@code time}
 */
public record ParticleSnapshot(double requestedTime, double time, Particles particles) {
    public ParticleSnapshot {
        Objects.requireNonNull(particles, "particles");
    }
}
