package io.shape.adapters.persistence.pickle;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** A model path that is not a regular file is refused before it is opened: a FIFO blocks, /dev/zero never ends. */
class PickleFileKindTest {
    @TempDir
    Path dir;

    @Test
    void onlyARegularFileIsRead() throws Exception {
        Path fifo = dir.resolve("model.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        for (Path notAFile : List.of(fifo, Path.of("/dev/zero"), dir)) {
            ShapeException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThrows(ShapeException.class, () -> new PickleModelLoader().load(notAFile)));
            assertEquals(ErrorKind.INVALID_INPUT, e.kind());
            assertEquals("model file " + notAFile + ": is not a regular file (a folder, FIFO or device); give the "
                    + "pickled estimator's file.", e.getMessage());
        }
    }
}
