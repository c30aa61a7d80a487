package io.shape.adapters.persistence;

import io.shape.domain.ShapeException;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Paths that exist but are no regular file — what a reader must refuse without opening: it would never return. */
public final class NotRegularFiles {
    private NotRegularFiles() {
    }

    /** A FIFO made in {@code dir}, {@code /dev/zero}, and {@code dir} itself. */
    public static List<Path> in(Path dir) throws IOException, InterruptedException {
        Path fifo = dir.resolve("not-a-file.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(), "mkfifo " + fifo);
        return List.of(fifo, Path.of("/dev/zero"), dir);
    }

    /** The refusal {@code read} throws, which must come within seconds (a FIFO's open blocks forever). */
    public static ShapeException refusal(Executable read) {
        return assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(ShapeException.class, read));
    }
}
