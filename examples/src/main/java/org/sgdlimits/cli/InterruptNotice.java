package org.sgdlimits.cli;

import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * While open, tells the user on Ctrl-C / SIGTERM what state the run leaves behind (e.g. "nothing written"),
 * instead of exiting silently. Files themselves are protected by the atomic writers; this is only the message.
 */
final class InterruptNotice implements AutoCloseable {
    private final Thread hook;

    /** @param name the command as the user typed it, e.g. "sgdlimits ode" */
    InterruptNotice(PrintWriter err, String name, Supplier<String> state) {
        this.hook = new Thread(() -> {
            err.println(); // leave a progress line
            err.println(name + ": interrupted; " + state.get());
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
