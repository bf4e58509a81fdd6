package org.sgdlimits.cli;

import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * While open, on Ctrl-C / SIGTERM runs {@code onInterrupt} in a shutdown hook (it may clean up, e.g. roll back
 * a half-written output directory) and prints the state it returns (e.g. "nothing written"), instead of
 * exiting silently. Files themselves are protected by the atomic writers.
 */
final class InterruptNotice implements AutoCloseable {
    private final Thread hook;

    /**
     * @param name        the command as the user typed it, e.g. "sgdlimits ode"
     * @param onInterrupt does what must be done on interrupt and returns the resulting state, one phrase
     */
    InterruptNotice(PrintWriter err, String name, Supplier<String> onInterrupt) {
        this.hook = new Thread(() -> {
            String state = onInterrupt.get();
            err.println(); // leave a progress line
            err.println(name + ": interrupted; " + state);
            err.flush();
        }, "sgdlimits-interrupt-notice");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to undo
        }
    }
}
