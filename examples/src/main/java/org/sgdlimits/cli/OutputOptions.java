package org.sgdlimits.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The output options every writing command shares ({@code @Mixin}): {@code --out DIR} and {@code --force}.
 * {@link #directory()} gives the {@link OutputDirectory} they describe.
 */
final class OutputOptions {

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true,
            description = "output directory; created if missing, must be empty unless --force")
    Path outDir;

    @Option(names = {"-f", "--force"}, description = "write into a non-empty DIR, replacing the run files there")
    boolean force;

    /** The {@code --out} directory (not yet checked; see {@link OutputDirectory#check}). */
    OutputDirectory directory() {
        return new OutputDirectory(outDir, force);
    }

    Path path() {
        return outDir;
    }
}
