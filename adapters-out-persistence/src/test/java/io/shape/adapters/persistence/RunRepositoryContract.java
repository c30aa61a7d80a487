package io.shape.adapters.persistence;

import io.shape.adapters.persistence.ProcessIdentity;
import io.shape.domain.ErrorKind;
import io.shape.domain.port.RunRepository;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunError;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunInputs;
import io.shape.domain.run.RunMetrics;
import io.shape.domain.run.RunOutputs;
import io.shape.domain.run.RunStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link RunRepository} must do, run against each store. Times are whole microseconds, the
 * precision PostgreSQL keeps (and what {@code Clock.systemUTC()} gives on Linux).
 */
public abstract class RunRepositoryContract {
    protected static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456Z");
    protected static final Clock CLOCK = Clock.fixed(T0.plus(Duration.ofHours(1)), ZoneOffset.UTC);

    /** A view of the store under test acting as process {@code self}; views of one test share the records. */
    protected abstract RunRepository repository(ProcessIdentity self);

    private RunRepository repository() {
        return repository(ProcessIdentity.current());
    }

    @Test
    void findsWhatItSavedFieldForField() {
        Run run = succeeded(id(0), T0);
        repository().save(run);

        Run found = repository().find(run.id()).orElseThrow();

        assertEquals(run, found);
        assertEquals(List.of("-1", "1"), List.copyOf(found.metrics().predictionCounts().keySet()),
                "prediction_counts stays in label order");
    }

    @Test
    void findsFailedRunsWithTheirError() {
        Run run = queued(id(1), T0).started(T0.plusMillis(5))
                .failed(T0.plusSeconds(2), new RunError(ErrorKind.INVALID_INPUT, "step 'scale': column x is text"))
                .withService("tracking", "unreachable: connection refused");
        repository().save(run);

        assertEquals(run, repository().find(run.id()).orElseThrow());
    }

    @Test
    void findsNothingForAnUnknownId() {
        assertEquals(Optional.empty(), repository().find(id(99)));
    }

    @Test
    void saveReplacesTheRecordAlongItsLife() {
        RunRepository store = repository();
        Run queued = queued(id(2), T0);
        store.save(queued);
        Run running = queued.started(T0.plusSeconds(1));
        store.save(running);
        assertEquals(running, store.find(queued.id()).orElseThrow());

        Run done = succeeded(id(2), T0);
        store.save(done);
        assertEquals(done, store.find(queued.id()).orElseThrow());
        assertEquals(1, store.list(Optional.empty(), 0, 10).size());
    }

    @Test
    void terminalRecordIsNeverReplacedByAnUnfinishedOne() {
        RunRepository store = repository();
        Run running = queued(id(3), T0).started(T0.plusSeconds(1));
        Run cancelled = running.failed(T0.plusSeconds(2), new RunError(ErrorKind.CANCELLED, "cancelled by user"));
        store.save(cancelled);

        store.save(running.withParams(Map.of("late", true)));
        store.save(queued(id(3), T0));

        assertEquals(cancelled, store.find(running.id()).orElseThrow());
    }

    @Test
    void terminalRecordMayStillBeUpdatedByATerminalOne() {
        RunRepository store = repository();
        Run done = succeeded(id(4), T0);
        store.save(done);
        Run annotated = done.withService("events", "kafka: 3 events not delivered");

        store.save(annotated);

        assertEquals(annotated, store.find(done.id()).orElseThrow());
    }

    @Test
    void listsNewestFirstWithIdBreakingTies() {
        RunRepository store = repository();
        store.save(queued(id(10), T0.plusSeconds(10)));
        store.save(succeeded(id(11), T0.plusSeconds(30)));
        store.save(queued(id(12), T0.plusSeconds(20)));
        store.save(queued(id(13), T0.plusSeconds(20)));

        assertEquals(List.of(id(11), id(13), id(12), id(10)), ids(store.list(Optional.empty(), 0, 100)));
    }

    @Test
    void listsOneStatus() {
        RunRepository store = repository();
        store.save(queued(id(20), T0));
        store.save(succeeded(id(21), T0.plusSeconds(1)));
        store.save(queued(id(22), T0.plusSeconds(2)).started(T0.plusSeconds(3)));
        store.save(succeeded(id(23), T0.plusSeconds(4)));

        assertEquals(List.of(id(23), id(21)), ids(store.list(Optional.of(RunStatus.SUCCEEDED), 0, 100)));
        assertEquals(List.of(id(22)), ids(store.list(Optional.of(RunStatus.RUNNING), 0, 100)));
        assertEquals(List.of(), ids(store.list(Optional.of(RunStatus.CANCELLED), 0, 100)));
    }

    @Test
    void pagesThroughTheList() {
        RunRepository store = repository();
        List<RunId> newestFirst = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            store.save(succeeded(id(30 + i), T0.plusSeconds(i)));
            newestFirst.add(0, id(30 + i));
        }

        assertEquals(newestFirst.subList(0, 3), ids(store.list(Optional.empty(), 0, 3)));
        assertEquals(newestFirst.subList(3, 6), ids(store.list(Optional.empty(), 3, 3)));
        assertEquals(newestFirst.subList(6, 7), ids(store.list(Optional.empty(), 6, 3)));
        assertEquals(List.of(), ids(store.list(Optional.empty(), 7, 3)));
        assertEquals(List.of(), ids(store.list(Optional.empty(), 0, 0)));
        assertEquals(newestFirst.subList(1, 3),
                ids(store.list(Optional.of(RunStatus.SUCCEEDED), 1, 2)));
    }

    @Test
    void failsRunsWhoseOwnerProcessIsGone() throws Exception {
        ProcessIdentity me = ProcessIdentity.current();
        ProcessIdentity reusedPid = new ProcessIdentity(me.host(), me.pid(), Instant.EPOCH);
        ProcessIdentity exited = exitedProcess(me.host());
        ProcessIdentity otherHost = new ProcessIdentity("another-host.invalid", 1, Instant.EPOCH);

        Run deadRunning = queued(id(40), T0).started(T0.plusSeconds(1));
        Run deadQueued = queued(id(41), T0.plusSeconds(2));
        Run mine = queued(id(42), T0.plusSeconds(3)).started(T0.plusSeconds(4));
        Run elsewhere = queued(id(43), T0.plusSeconds(5)).started(T0.plusSeconds(6));
        Run finished = succeeded(id(44), T0.plusSeconds(7));
        repository(reusedPid).save(deadRunning);
        repository(exited).save(deadQueued);
        repository(me).save(mine);
        repository(otherHost).save(elsewhere);
        repository(exited).save(finished);

        String reason = "the process running it ended before the run finished";
        List<Run> marked = repository(me).failAbandoned(reason);

        RunError error = new RunError(ErrorKind.INTERNAL, reason);
        Run deadRunningFailed = deadRunning.failed(CLOCK.instant(), error);
        Run deadQueuedFailed = deadQueued.failed(CLOCK.instant(), error);
        assertEquals(Map.of(id(40), deadRunningFailed, id(41), deadQueuedFailed), byId(marked));
        RunRepository store = repository(me);
        assertEquals(deadRunningFailed, store.find(id(40)).orElseThrow());
        assertEquals(deadQueuedFailed, store.find(id(41)).orElseThrow());
        assertEquals(mine, store.find(id(42)).orElseThrow());
        assertEquals(elsewhere, store.find(id(43)).orElseThrow());
        assertEquals(finished, store.find(id(44)).orElseThrow());
        assertTrue(store.failAbandoned(reason).isEmpty(), "a second pass finds nothing left to mark");
    }

    /**
     * Reliability finding: a run that finished but could not reach the store at its end (database gone) was
     * marked "ended before the run finished" by the next start, contradicting its own run.json. The run's
     * run.json, when it holds a finished record of the same run, is what the store keeps instead.
     */
    @Test
    void aRunWhoseOwnRunJsonSaysItFinishedIsSettledFromThatFile() throws Exception {
        ProcessIdentity exited = exitedProcess(ProcessIdentity.current().host());
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("shape-settle-");
        RunId id = id(45);
        Run done = succeeded(id, T0);
        RunOutputs outputs = new RunOutputs(dir.toString(), dir.resolve("predictions").toString(),
                dir.resolve("metrics.json").toString(), dir.resolve("fitted_state.json").toString(),
                dir.resolve("run.json").toString(), "parquet");
        Run running = Run.queued(id, "local", T0, done.inputs(), outputs).started(T0.plusSeconds(1));
        Run finished = Run.queued(id, "local", T0, done.inputs(), outputs).started(T0.plusSeconds(1))
                .succeeded(T0.plusSeconds(9), done.metrics())
                .withService("run_store", "unreachable: connection refused");
        repository(exited).save(running);
        io.shape.adapters.persistence.json.Json.writeAtomically(dir.resolve("run.json"),
                io.shape.adapters.persistence.json.RunJson.toJson(finished));
        // A run.json of another run proves nothing about this one.
        RunId other = id(46);
        java.nio.file.Path otherDir = java.nio.file.Files.createDirectories(dir.resolve("other"));
        Run otherRunning = Run.queued(other, "local", T0, done.inputs(), new RunOutputs(otherDir.toString(),
                null, null, null, otherDir.resolve("run.json").toString(), "parquet")).started(T0.plusSeconds(1));
        repository(exited).save(otherRunning);
        io.shape.adapters.persistence.json.Json.writeAtomically(otherDir.resolve("run.json"),
                io.shape.adapters.persistence.json.RunJson.toJson(finished));

        repository(ProcessIdentity.current()).failAbandoned("gone");

        RunRepository store = repository(ProcessIdentity.current());
        assertEquals(finished, store.find(id).orElseThrow());
        assertEquals(RunStatus.FAILED, store.find(other).orElseThrow().status());
    }

    /** Hostile-tester finding: the hidden part-file folders of killed runs stayed forever. */
    @Test
    void settlingAKilledRunRemovesThePartFilesItWasWriting() throws Exception {
        ProcessIdentity exited = exitedProcess(ProcessIdentity.current().host());
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("shape-staged-");
        RunId id = id(47);
        java.nio.file.Path staged = java.nio.file.Files.createDirectories(
                dir.resolve(RunOutputs.stagingName("predictions", id.value())));
        java.nio.file.Files.writeString(staged.resolve("part-00000.parquet"), "half a part");
        java.nio.file.Path othersStaged = java.nio.file.Files.createDirectories(
                dir.resolve(RunOutputs.stagingName("predictions", id(48).value())));
        RunOutputs outputs = new RunOutputs(dir.toString(), dir.resolve("predictions").toString(),
                dir.resolve("metrics.json").toString(), dir.resolve("fitted_state.json").toString(),
                dir.resolve("run.json").toString(), "parquet");
        repository(exited).save(Run.queued(id, "local", T0, queued(id, T0).inputs(), outputs)
                .started(T0.plusSeconds(1)));

        repository(ProcessIdentity.current()).failAbandoned("gone");

        assertEquals(RunStatus.FAILED, repository(ProcessIdentity.current()).find(id).orElseThrow().status());
        assertFalse(java.nio.file.Files.exists(staged), "the killed run's part files are gone");
        assertTrue(java.nio.file.Files.isDirectory(othersStaged), "another run's are not touched");
    }

    /** The identity of a child process that has ended: same host, a pid with no live process behind it. */
    private static ProcessIdentity exitedProcess(String host) throws Exception {
        Process child = new ProcessBuilder("true").start();
        Instant started = child.info().startInstant().orElse(Instant.EPOCH);
        assertEquals(0, child.waitFor());
        return new ProcessIdentity(host, child.pid(), started);
    }

    protected static RunId id(int n) {
        return new RunId(String.format("20250301-101530-%08x", n));
    }

    protected static Run queued(RunId id, Instant created) {
        RunInputs inputs = new RunInputs("/work/pipeline.jsonc", "ab".repeat(32), "/work/model.pkl",
                "cd".repeat(32), "OneClassSVM", "/work/data/dataset.parquet", "ef".repeat(32), null);
        RunOutputs outputs = new RunOutputs("/work/output/" + id, "/work/output/" + id + "/predictions",
                "/work/output/" + id + "/metrics.json", "/work/output/" + id + "/fitted_state.json",
                "/work/output/" + id + "/run.json", "parquet");
        return Run.queued(id, "local", created, inputs, outputs);
    }

    protected static Run succeeded(RunId id, Instant created) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("kernel", "rbf");
        params.put("gamma", 0.0123456789012345);
        params.put("nu", 0.1);
        params.put("degree", 3);
        params.put("shrinking", true);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("-1", 31L);
        counts.put("1", 264L);
        Map<String, Double> phases = new LinkedHashMap<>();
        phases.put("fit:scaler", 0.012);
        phases.put("score", 0.25);
        RunMetrics metrics = new RunMetrics(295, List.of(295L, 4L), List.of(295L, 66L), List.of("-1", "1"),
                counts, 0.75, 393.3333333333333, phases);
        return queued(id, created).started(created.plus(3, ChronoUnit.MICROS)).withParams(params)
                .succeeded(created.plusSeconds(1).plus(7, ChronoUnit.MICROS), metrics)
                .withService("tracking", "ok");
    }

    private static List<RunId> ids(List<Run> runs) {
        return runs.stream().map(Run::id).toList();
    }

    private static Map<RunId, Run> byId(List<Run> runs) {
        Map<RunId, Run> m = new LinkedHashMap<>();
        runs.forEach(r -> m.put(r.id(), r));
        return m;
    }
}
