package org.sgdlimits.cli;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** {@code --format csv,npy} ({@code @Mixin}): which trajectory files a command writes. */
final class TrajectoryFormatOption {

    @Option(names = "--format", split = ",", paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
            description = "trajectory formats, comma-separated: csv, npy (default: csv,npy)")
    List<OutputFormat> formats = List.of(OutputFormat.CSV, OutputFormat.NPY);

    Set<OutputFormat> formats() {
        return EnumSet.copyOf(formats);
    }
}
