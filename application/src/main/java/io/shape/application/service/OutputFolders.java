package io.shape.application.service;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.data.FileConfinement;
import io.shape.domain.data.InputFiles;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a run may put its output folder, checked on real paths (links followed) when the run starts: inside
 * its confinement, neither inside nor around shape's own state (the run store, the events spool), and never
 * around one of its inputs ({@code --output /}, or the data folder itself), where its files would mix with
 * what it reads.
 */
final class OutputFolders {
    private final List<Path> reserved;

    /** @param reserved shape's own folders, which no run may write into or around */
    OutputFolders(List<Path> reserved) {
        this.reserved = reserved.stream().map(OutputFolders::real).toList();
    }

    void check(Path folder, FileConfinement confinement) {
        confinement.eventual("output", folder);
        Path real = real(folder);
        for (Path own : reserved) {
            if (real.startsWith(own) || own.startsWith(real)) {
                throw new ShapeException(ErrorKind.USAGE, "output folder " + folder + (real.startsWith(own)
                        ? " is inside" : " holds") + " shape's own state (" + own + "); choose another --output");
            }
        }
    }

    /** Refuses an output folder that is, or holds, the input {@code what} at {@code location}. */
    void requireApart(Path folder, String what, String location) {
        if (!InputFiles.isLocal(location)) {
            return;
        }
        Path input = real(InputFiles.localPath(location));
        if (input.startsWith(real(folder))) {
            throw new ShapeException(ErrorKind.USAGE, "output folder " + folder + " holds the " + what + " "
                    + location + ": a run's files would mix with what it reads; choose an --output outside it");
        }
    }

    private static Path real(Path path) {
        Path resolved = FileConfinement.resolved(path);
        return resolved == null ? path.toAbsolutePath().normalize() : resolved;
    }
}
