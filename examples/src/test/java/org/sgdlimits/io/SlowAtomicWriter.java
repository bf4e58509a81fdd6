package org.sgdlimits.io;

import java.nio.file.Path;

/** Child-process helper for {@link AtomicFileTest}: starts an atomic write, says so, then hangs inside it. */
public final class SlowAtomicWriter {
    private SlowAtomicWriter() {
    }

    public static void main(String[] args) throws Exception {
        AtomicFile.write(Path.of(args[0]), out -> {
            out.write(new byte[1 << 20]);
            out.flush();
            System.out.println("writing");
            System.out.flush();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
