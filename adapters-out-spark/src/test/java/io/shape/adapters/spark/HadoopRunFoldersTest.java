package io.shape.adapters.spark;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.data.DataFormat;
import io.shape.domain.port.RunFolder;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunOutputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Output folders through Hadoop's file systems, run here on Hadoop's local one ({@code file:} URIs): the
 * same calls an {@code hdfs://} folder gets.
 */
class HadoopRunFoldersTest {
    @TempDir
    Path dir;

    private final HadoopRunFolders folders = new HadoopRunFolders();

    @Test
    void aClaimedFolderTakesWholeFilesAndRefusesASecondRun() throws Exception {
        RunOutputs outputs = RunOutputs.in(dir.resolve("run").toUri().toString(), DataFormat.PARQUET);
        RunId id = RunId.create(Instant.now());
        RunFolder folder = folders.claim(outputs, id);

        assertEquals(id.value(), Files.readString(dir.resolve("run").resolve(RunFolder.CLAIM_FILE)).strip());
        folder.write(RunOutputs.RUN_RECORD, bytes("{\"status\": \"RUNNING\"}"));
        folder.write(RunOutputs.RUN_RECORD, bytes("{\"status\": \"SUCCEEDED\"}"));
        assertEquals("{\"status\": \"SUCCEEDED\"}", Files.readString(dir.resolve("run/run.json")));
        try (var files = Files.list(dir.resolve("run"))) {
            // (the .crc files are the checksums of Hadoop's local file system, not ours)
            assertEquals(List.of(".shape-run", "run.json"), files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".crc")).sorted().toList(), "no temporary file stays");
        }
        assertTrue(folder.localPath().isEmpty(), "a Hadoop folder is never read as a local one");

        ShapeException second = assertThrows(ShapeException.class,
                () -> folders.claim(outputs, RunId.create(Instant.now())));
        assertEquals(ErrorKind.USAGE, second.kind());
        assertTrue(second.getMessage().contains("already holds a run " + id.value()), second.getMessage());
    }

    @Test
    void twoRunsClaimingOneEmptyFolderOneWins() {
        RunOutputs outputs = RunOutputs.in(dir.resolve("race").toUri().toString(), DataFormat.PARQUET);
        folders.claim(outputs, RunId.create(Instant.now()));
        ShapeException e = assertThrows(ShapeException.class,
                () -> folders.claim(outputs, RunId.create(Instant.now())));
        assertTrue(e.getMessage().contains("is taken by another run"), e.getMessage());
    }

    @Test
    void withdrawingTakesTheSuccessMarkerOnly() throws Exception {
        RunFolder folder = folders.claim(RunOutputs.in(dir.resolve("w").toUri().toString(), DataFormat.CSV),
                RunId.create(Instant.now()));
        assertFalse(folder.withdrawPredictions());
        Path predictions = Files.createDirectories(dir.resolve("w/predictions"));
        Files.writeString(predictions.resolve("part-00000.csv"), "label\n1\n");
        Files.createFile(predictions.resolve("_SUCCESS"));
        assertTrue(folder.withdrawPredictions());
        assertFalse(Files.exists(predictions.resolve("_SUCCESS")));
        assertTrue(Files.exists(predictions.resolve("part-00000.csv")));
    }

    @Test
    void itReachesUrisOfFileSystemsHadoopKnowsAndLeavesLocalPathsToTheLocalFolders() {
        assertTrue(folders.reaches("hdfs://namenode:8020/runs/today"));
        assertFalse(folders.reaches("nosuchfs://bucket/runs"), "no file system for the scheme");
        assertFalse(folders.reaches(dir.toString()));
        assertFalse(folders.reaches(dir.toUri().toString()));
    }

    @Test
    void anUnwritableFolderIsAUsageErrorNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        String location = file.resolve("out").toUri().toString();
        ShapeException e = assertThrows(ShapeException.class,
                () -> folders.claim(RunOutputs.in(location, DataFormat.PARQUET), RunId.create(Instant.now())));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("cannot write to the output folder"), e.getMessage());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
