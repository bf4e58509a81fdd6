package org.sgdlimits.gauss;

/** Whose activation a Gaussian-moment slot uses: the student's σ or the teacher's σ*. */
public enum Role {
    STUDENT,
    TEACHER
}
