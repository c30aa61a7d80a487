package io.shape.adapters.persistence.folder;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.data.DataFormat;
import io.shape.domain.port.RunFolder;
import io.shape.domain.run.RunOutputs;
import io.shape.domain.run.RunId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Claiming an output folder: one run per folder, decided atomically; withdrawing a success marker. */
class LocalRunFoldersTest {
    @TempDir
    Path dir;

    private final LocalRunFolders folders = new LocalRunFolders();

    /** Many rounds: a loser that reads the claim between its creation and its content was seen once in CI. */
    @Test
    void ofRunsClaimingOneFolderAtOnceExactlyOneGetsItAndTheOthersAreToldWhich() throws Exception {
        for (int round = 0; round < 40; round++) {
            claimAtOnce(dir.resolve("out" + round));
        }
    }

    private void claimAtOnce(Path folder) throws Exception {
        int runs = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        List<Future<Boolean>> claims = new ArrayList<>();
        try {
            for (int i = 0; i < runs; i++) {
                RunId id = RunId.create(Instant.now());
                claims.add(pool.submit(() -> {
                    start.await();
                    try {
                        folders.claim(outputs(folder), id);
                        return true;
                    } catch (ShapeException e) {
                        assertEquals(ErrorKind.USAGE, e.kind());
                        assertTrue(e.getMessage().contains("is taken by run 2"), e.getMessage());
                        return false;
                    }
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> c : claims) {
                won += c.get() ? 1 : 0;
            }
            assertEquals(1, won);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(RunId.isValid(Files.readString(folder.resolve(RunFolder.CLAIM_FILE)).strip()));
        try (var left = Files.list(folder)) {
            assertEquals(List.of(RunFolder.CLAIM_FILE), left.map(p -> p.getFileName().toString()).toList(),
                    "only the claim stays in the folder");
        }
    }

    @Test
    void aFolderHoldingAnEarlierRunsFilesIsNotClaimed() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("old/predictions")).getParent();
        ShapeException e = assertThrows(ShapeException.class,
                () -> folders.claim(outputs(folder), RunId.create(Instant.now())));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("already holds a run"), e.getMessage());
        assertFalse(Files.exists(folder.resolve(RunFolder.CLAIM_FILE)));
    }

    @Test
    void aFolderThatCannotBeCreatedIsAUsageErrorNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        ShapeException e = assertThrows(ShapeException.class,
                () -> folders.claim(outputs(file.resolve("out")), RunId.create(Instant.now())));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains(file.resolve("out").toString()), e.getMessage());
    }

    @Test
    void withdrawingTakesOnlyTheSuccessMarker() throws Exception {
        RunFolder folder = folders.claim(outputs(dir.resolve("run")), RunId.create(Instant.now()));
        assertFalse(folder.withdrawPredictions(), "no predictions yet");
        Path predictions = Files.createDirectories(dir.resolve("run/predictions"));
        Files.writeString(predictions.resolve("part-00000.parquet"), "rows");
        Files.createFile(predictions.resolve("_SUCCESS"));
        assertTrue(folder.withdrawPredictions());
        assertFalse(Files.exists(predictions.resolve("_SUCCESS")));
        assertTrue(Files.exists(predictions.resolve("part-00000.parquet")));
        assertFalse(folder.withdrawPredictions(), "nothing left to withdraw");
    }

    @Test
    void filesAreWrittenWholeIntoTheClaimedFolderAndAFileUriIsLocal() throws Exception {
        Path out = dir.resolve("uri");
        RunFolder folder = folders.claim(RunOutputs.in(out.toUri().toString(), DataFormat.PARQUET),
                RunId.create(Instant.now()));
        assertEquals(out, folder.localPath().orElseThrow());
        folder.write(RunOutputs.METRICS, "{\"rows\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        folder.write(RunOutputs.METRICS, "{\"rows\": 2}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("{\"rows\": 2}", Files.readString(out.resolve(RunOutputs.METRICS)));
        try (var left = Files.list(out)) {
            assertEquals(List.of(RunFolder.CLAIM_FILE, RunOutputs.METRICS),
                    left.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file stays");
        }
        assertTrue(folders.reaches(out.toString()));
        assertTrue(folders.reaches(out.toUri().toString()));
        assertFalse(folders.reaches("hdfs:///runs/today"));
    }

    private static RunOutputs outputs(Path folder) {
        return RunOutputs.in(folder.toString(), DataFormat.PARQUET);
    }
}
