package io.shape.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher's class-archive run scores the seed with both engines, in its scratch folder only. */
class ClassArchiveTrainingTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void scoresTheSeedWithBothEnginesInsideTheScratchFolder(@TempDir Path scratch) throws Exception {
        assertEquals(0, ClassArchiveTraining.train(REPO, scratch));
        for (String engine : new String[] {"local", "spark"}) {
            assertTrue(Files.exists(scratch.resolve(engine).resolve("predictions/_SUCCESS")), engine);
        }
        // The run records and logs of the two runs stay in the scratch folder, not in the user's project.
        assertTrue(Files.isDirectory(scratch.resolve("logs")));
    }

    @Test
    void failsWhenTheSeedIsMissing(@TempDir Path scratch) throws Exception {
        assertNotEquals(0, ClassArchiveTraining.train(scratch.resolve("no-project"), scratch.resolve("work")));
    }
}
