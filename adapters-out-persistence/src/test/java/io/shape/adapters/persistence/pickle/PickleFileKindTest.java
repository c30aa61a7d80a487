package io.shape.adapters.persistence.pickle;

import io.shape.adapters.persistence.NotRegularFiles;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A model path that is not a regular file is refused before it is opened: a FIFO blocks, /dev/zero never ends. */
class PickleFileKindTest {
    @TempDir
    Path dir;

    @Test
    void onlyARegularFileIsRead() throws Exception {
        for (Path notAFile : NotRegularFiles.in(dir)) {
            ShapeException e = NotRegularFiles.refusal(() -> new PickleModelLoader().load(notAFile));
            assertEquals(ErrorKind.INVALID_INPUT, e.kind());
            assertEquals("model file " + notAFile + ": is not a regular file (a folder, FIFO or device); give the "
                    + "pickled estimator's file.", e.getMessage());
        }
    }
}
