package org.sgdlimits.ode;

/** What a user event does when it occurs. */
public enum EventAction {
    /** End the run: status {@code stopped_by_event}, no rows recorded after the event time. */
    STOP,
    /** Record the occurrence in the result and continue. */
    RECORD
}
