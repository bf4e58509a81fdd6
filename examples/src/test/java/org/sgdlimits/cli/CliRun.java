package org.sgdlimits.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** The exit code and the two output streams of one command-line invocation, for the command tests. */
record CliRun(int exitCode, String out, String err) {

    /** Runs {@code args} on {@code cl}, capturing standard output and error. */
    static CliRun execute(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs {@code args} on the application's command line ({@link SgdLimits#commandLine()}). */
    static CliRun of(String... args) {
        return execute(SgdLimits.commandLine(), args);
    }
}
