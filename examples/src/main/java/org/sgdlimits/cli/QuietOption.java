package org.sgdlimits.cli;

import picocli.CommandLine.Option;

/** {@code --quiet} ({@code @Mixin}): no start line, progress display or file list; the summary and errors stay. */
final class QuietOption {

    @Option(names = {"-q", "--quiet"},
            description = "no progress display and no file list; print only the summary (and errors, warnings)")
    boolean quiet;
}
