package io.shape.application.service;

import io.shape.domain.testing.WeightedSumModel;
import io.shape.application.port.in.ScoreCommand;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.data.DataFormat;
import io.shape.domain.model.Model;
import io.shape.domain.pickled.PickledPipeline;
import io.shape.domain.port.ComputeEngine;
import io.shape.domain.port.FailureLog;
import io.shape.domain.port.PredictionBatch;
import io.shape.domain.port.ModelLoader;
import io.shape.domain.port.PredictionsReader;
import io.shape.domain.port.PredictionsSink;
import io.shape.domain.port.RunEvents;
import io.shape.domain.data.InputFiles;
import io.shape.domain.port.RunDocuments;
import io.shape.domain.port.RunFolder;
import io.shape.domain.port.RunFolders;
import io.shape.domain.run.RunOutputs;
import io.shape.domain.port.RunTracker;
import io.shape.domain.port.ScoringJob;
import io.shape.domain.port.ScoringListener;
import io.shape.domain.port.ScoringResult;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunEvent;
import io.shape.domain.run.RunMetrics;
import io.shape.domain.run.RunStatus;
import io.shape.domain.spec.PipelineSpec;
import io.shape.domain.spec.StepSpec;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.Pipeline;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The score use case with in-memory ports: what ends up in the run record, files, events and logs. */
class ScoreDatasetServiceTest {
    @TempDir
    Path dir;

    private final InMemoryRunRepository repository = new InMemoryRunRepository();
    private final List<RunEvent> events = new ArrayList<>();
    private final List<Run> failures = new ArrayList<>();
    private final List<String> written = new ArrayList<>();
    private final RecordingTracker tracker = new RecordingTracker();
    private final ActiveRuns activeRuns = new ActiveRuns();
    private BiFunction<ScoringJob, ScoringListener, ScoringResult> engineBehaviour;
    private PredictionsSink sink;
    private final List<String> openedPredictions = new ArrayList<>();
    private int closedPredictions;
    private final java.util.Set<Path> claimedFolders = new java.util.HashSet<>();
    private final List<Path> withdrawn = new ArrayList<>();
    /** The output file whose write fails as on a full disk; null for none. */
    private String failingFile;
    /** Whether the folders double also opens URIs ({@code hdfs://}), as a Hadoop file system would. */
    private boolean foldersReachUris;
    /** Whether the fake engine writes URIs too, as Spark does. */
    private boolean engineWritesUris;
    private ModelLoader modelLoader = file -> PickledPipeline.of(WeightedSumModel.detector(new double[] {1}, 0));

    @BeforeEach
    void inputs() throws IOException {
        Files.writeString(dir.resolve("pipeline.jsonc"), "{}");
        Files.createDirectories(dir.resolve("artifacts"));
        Files.writeString(dir.resolve("artifacts/model.pkl"), "model bytes");
        Files.writeString(dir.resolve("data.csv"), "x\n1\n");
        engineBehaviour = (job, listener) -> {
            listener.stepFitted("scale", "StandardScaler", 0.1);
            listener.progress(3, 3);
            return new ScoringResult(fitted(job), 3, new long[] {1, 2}, List.of("part-0"), Map.of("score", 0.1));
        };
    }

    @Test
    void aSuccessfulRunLeavesItsFilesRecordAndEvents() {
        Run run = service(RunTracker.NONE).score(command(), ScoringListener.NONE);

        assertEquals(RunStatus.SUCCEEDED, run.status(), String.valueOf(run.error()));
        assertEquals(3, run.metrics().rows());
        assertEquals(Map.of("-1", 1L, "1", 2L), run.metrics().predictionCounts());
        assertEquals(List.of("-1", "1"), run.metrics().uniquePredictions());
        assertEquals(List.of(3L, 1L), run.metrics().dataShape());
        assertEquals(dir.resolve("artifacts/model.pkl").toString(), run.inputs().modelPath());
        assertEquals(64, run.inputs().modelSha256().length());
        assertEquals("StandardScaler", run.params().get("step.scale.class"));
        assertEquals(RunStatus.SUCCEEDED, repository.runs.get(run.id()).status());
        assertTrue(written.containsAll(List.of("metrics.json", "fitted_state.json", "run.json")), written.toString());
        assertInstanceOf(RunEvent.RunStarted.class, events.get(0));
        assertInstanceOf(RunEvent.StepFitted.class, events.get(1));
        assertInstanceOf(RunEvent.RunSucceeded.class, events.get(events.size() - 1));
        assertTrue(failures.isEmpty());
    }

    /** A full disk after the engine published: while writing the fitted state, or the run's own record. */
    @ParameterizedTest
    @ValueSource(strings = {"fitted_state.json", "run.json"})
    void aRunThatCannotWriteItsFilesAfterPublishingFailsAndWithdrawsTheSuccessMarker(String file) {
        failingFile = file;
        Run run = service(RunTracker.NONE).score(command(), ScoringListener.NONE);

        assertEquals(RunStatus.FAILED, run.status());
        assertTrue(run.error().message().contains(file) && run.error().message().contains("No space left"),
                run.error().message());
        assertEquals(List.of(Path.of(run.outputs().predictions())), withdrawn);
        assertEquals(RunStatus.FAILED, repository.runs.get(run.id()).status());
        assertEquals(List.of(run.id()), failures.stream().map(Run::id).toList());
        assertInstanceOf(RunEvent.RunFailed.class, events.get(events.size() - 1));
    }

    @Test
    void theRunRecordIsWrittenOnceWhenTheRunHasEndedWhateverItsOutcome() {
        assertEquals(RunStatus.SUCCEEDED, service(RunTracker.NONE).score(command(), ScoringListener.NONE).status());
        assertEquals(1, java.util.Collections.frequency(written, "run.json"), written.toString());
        written.clear();
        engineBehaviour = (job, listener) -> {
            throw ShapeException.invalidInput("bad row 2");
        };
        assertEquals(RunStatus.FAILED, service(RunTracker.NONE).score(command(), ScoringListener.NONE).status());
        assertEquals(List.of("run.json"), written);
    }

    @Test
    void aFailureAfterTheInputsAreFoundKeepsThemInTheRecord() {
        modelLoader = file -> {
            throw ShapeException.invalidInput("model " + file + " is not a pickle");
        };
        Run run = service(RunTracker.NONE).score(command(), ScoringListener.NONE);

        assertEquals(RunStatus.FAILED, run.status());
        assertEquals(64, run.inputs().specSha256().length(), "the spec was read before the model failed");
        assertEquals(dir.resolve("artifacts/model.pkl").toString(), run.inputs().modelPath());
        assertEquals(run.inputs(), repository.runs.get(run.id()).inputs());
    }

    @Test
    void aModelTooLargeForTheHeapFailsTheRunSayingHowToGiveItMore() {
        modelLoader = file -> {
            throw new OutOfMemoryError("Java heap space");
        };
        Run run = service(RunTracker.NONE).score(command(), ScoringListener.NONE);

        assertEquals(RunStatus.FAILED, run.status());
        assertEquals(ErrorKind.INTERNAL, run.error().kind());
        assertTrue(run.error().message().startsWith("out of memory: the JVM's heap of at most "), run.error().message());
        assertTrue(run.error().message().contains("(Java heap space); give it more with SHAPE_JAVA_OPTS=-Xmx<size>"),
                run.error().message());
        assertEquals(run.error(), repository.runs.get(run.id()).error());
    }

    @Test
    void anOutputUriNoFolderPortReachesIsRefusedWithoutAClaim() {
        engineWritesUris = true;
        Run run = service(RunTracker.NONE).score(commandInto("hdfs:///runs/today"), ScoringListener.NONE);

        assertEquals(ErrorKind.USAGE, run.error().kind());
        assertTrue(run.error().message().contains("no file system for the output folder hdfs:///runs/today"),
                run.error().message());
        assertEquals("hdfs:///runs/today/run.json", run.outputs().runRecord(), "a URI is kept as given");
        assertTrue(claimedFolders.isEmpty());
        assertEquals(List.of(run.id()), failures.stream().map(Run::id).toList());
    }

    @Test
    void anEngineThatWritesOnlyLocalFoldersRefusesAnOutputUriBeforeTheFolderIsMade() {
        foldersReachUris = true;
        Run run = service(RunTracker.NONE).score(commandInto("hdfs:///runs/today"), ScoringListener.NONE);

        assertEquals(ErrorKind.USAGE, run.error().kind());
        assertTrue(run.error().message().contains("the fake engine writes to folders on this machine"),
                run.error().message());
        assertTrue(claimedFolders.isEmpty(), "no remote folder is made for a run that cannot fill it");
        assertEquals(RunStatus.FAILED, repository.runs.get(run.id()).status());
        assertEquals(List.of(run.id()), failures.stream().map(Run::id).toList());
    }

    @Test
    void aRunIntoAUriFolderWritesItsDocumentsThereAndSaysWhatNeedsALocalFolder() {
        foldersReachUris = true;
        engineWritesUris = true;
        sink = (runId, rows) -> {
            throw new AssertionError("the copy reads local files; it must not be tried");
        };
        Run run = service(RunTracker.NONE).score(commandInto("hdfs:///runs/today"),
                ScoringListener.NONE);

        assertEquals(RunStatus.SUCCEEDED, run.status(), String.valueOf(run.error()));
        assertEquals("hdfs:///runs/today/predictions", run.outputs().predictions());
        assertTrue(written.containsAll(List.of("metrics.json", "fitted_state.json", "run.json")), written.toString());
        assertTrue(run.services().get("predictions_sink").contains("not copied"), run.services().toString());
        assertTrue(openedPredictions.isEmpty());
    }

    @Test
    void theSecondRunIntoAFolderFailsWithoutWritingIntoIt() {
        ScoreCommand into = new ScoreCommand(Optional.of(dir.resolve("pipeline.jsonc")), dir.resolve("data.csv").toString(),
                Optional.empty(), Optional.of(dir.resolve("out").toString()), "fake", DataFormat.PARQUET, Optional.empty(),
                Map.of());
        assertEquals(RunStatus.SUCCEEDED, service(RunTracker.NONE).score(into, ScoringListener.NONE).status());
        written.clear();

        Run second = service(RunTracker.NONE).score(into, ScoringListener.NONE);

        assertEquals(RunStatus.FAILED, second.status());
        assertEquals(ErrorKind.USAGE, second.error().kind());
        assertEquals(List.of(), written, "the loser writes nothing into the winner's folder");
        assertEquals(List.of(), withdrawn, "nor touches its predictions");
        assertEquals(RunStatus.FAILED, repository.runs.get(second.id()).status());
        assertEquals(List.of(second.id()), failures.stream().map(Run::id).toList());
    }

    @Test
    void anOutputFolderHoldingTheDataIsRefused() {
        ScoreCommand around = new ScoreCommand(Optional.of(dir.resolve("pipeline.jsonc")), dir.resolve("data.csv").toString(),
                Optional.empty(), Optional.of(dir.toString()), "fake", DataFormat.PARQUET, Optional.empty(), Map.of());
        Run run = service(RunTracker.NONE).score(around, ScoringListener.NONE);

        assertEquals(RunStatus.FAILED, run.status());
        assertEquals(ErrorKind.USAGE, run.error().kind());
        assertTrue(run.error().message().contains("holds the data"), run.error().message());
        assertTrue(claimedFolders.isEmpty(), "refused before it is claimed");
    }

    @Test
    void badDataFailsTheRunWithARecordAndALineInTheFailureLog() {
        engineBehaviour = (job, listener) -> {
            throw ShapeException.invalidInput("feature column 'vibration_x' not found");
        };
        Run run = service(RunTracker.NONE).score(command(), ScoringListener.NONE);

        assertEquals(RunStatus.FAILED, run.status());
        assertEquals(ErrorKind.INVALID_INPUT, run.error().kind());
        assertTrue(run.error().message().contains("vibration_x"));
        assertEquals("WeightedSumModel", run.inputs().modelClass(), "a failed run keeps the inputs it had read");
        assertEquals(64, run.inputs().specSha256().length());
        assertEquals("StandardScaler", run.params().get("step.scale.class"));
        assertNull(run.metrics());
        assertEquals(List.of(run.id()), failures.stream().map(Run::id).toList());
        assertFalse(written.contains("metrics.json"));
        assertTrue(written.contains("run.json"));
        assertInstanceOf(RunEvent.RunFailed.class, events.get(events.size() - 1));
    }

    @Test
    void aModelMissingFromBothPlacesIsAnInputError() throws IOException {
        Files.delete(dir.resolve("artifacts/model.pkl"));
        Run run = service(RunTracker.NONE).score(command(), ScoringListener.NONE);

        assertEquals(ErrorKind.INVALID_INPUT, run.error().kind());
        assertTrue(run.error().message().contains("artifacts/model.pkl"), run.error().message());
    }

    @Test
    void theModelPathIsResolvedAgainstTheSpecFolderWhenNotInTheWorkingDirectory() throws IOException {
        Path specDir = Files.createDirectories(dir.resolve("elsewhere/artifacts"));
        Files.writeString(specDir.resolve("model.pkl"), "other model");
        Files.delete(dir.resolve("artifacts/model.pkl"));
        Files.writeString(dir.resolve("elsewhere/pipeline.jsonc"), "{}");
        ScoreCommand cmd = new ScoreCommand(Optional.of(Path.of("elsewhere/pipeline.jsonc")), "data.csv", Optional.empty(),
                Optional.empty(), "fake", DataFormat.PARQUET, Optional.empty(), Map.of());
        Run run = service(RunTracker.NONE).score(cmd, ScoringListener.NONE);

        assertEquals(specDir.resolve("model.pkl").toString(), run.inputs().modelPath(), String.valueOf(run.error()));
    }

    @Test
    void anUnreachableTrackerIsRecordedOnceAndDoesNotFailTheRun() {
        tracker.failure = new ShapeException(ErrorKind.UNAVAILABLE, "connection refused");
        Run run = service(tracker).score(command(), ScoringListener.NONE);

        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals("unreachable: connection refused", run.services().get("tracking"));
        assertEquals(1, tracker.calls, "no retry after the first failure");
    }

    @Test
    void anUnreachableRunStoreIsRecordedAndTriedOnlyOnce() {
        repository.failure = new ShapeException(ErrorKind.UNAVAILABLE, "database down");
        Run run = service(RunTracker.NONE).score(command(), ScoringListener.NONE);

        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertTrue(run.services().get("run_store").startsWith("unreachable"));
        assertEquals(1, repository.attempts);
        assertTrue(written.contains("run.json"));
    }

    @Test
    void aConfiguredSinkGetsEveryPredictionRowAndTheRunSaysHowMany() {
        List<String> stored = new ArrayList<>();
        sink = (runId, rows) -> {
            PredictionBatch batch = new PredictionBatch(2);
            for (int n = rows.next(batch); n > 0; n = rows.next(batch)) {
                for (int i = 0; i < n; i++) {
                    stored.add(runId.value() + ":" + batch.row[i] + "=" + rows.labels().get(batch.label[i]));
                }
            }
        };
        Run run = service(RunTracker.NONE).score(command(), ScoringListener.NONE);

        assertEquals(RunStatus.SUCCEEDED, run.status(), String.valueOf(run.error()));
        assertEquals("stored 3 rows", run.services().get("predictions_sink"));
        String id = run.id().value();
        assertEquals(List.of(id + ":0=1", id + ":1=-1", id + ":2=1"), stored);
        assertEquals(List.of(run.outputs().predictions()), openedPredictions);
        assertEquals(1, closedPredictions);
        assertEquals("stored 3 rows", repository.runs.get(run.id()).services().get("predictions_sink"));
    }

    @Test
    void anUnreachableSinkIsRecordedAndTheRunStillSucceeds() {
        sink = (runId, rows) -> {
            throw new ShapeException(ErrorKind.UNAVAILABLE, "cannot store the predictions: connection refused");
        };
        Run run = service(RunTracker.NONE).score(command(), ScoringListener.NONE);

        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals("unreachable: cannot store the predictions: connection refused",
                run.services().get("predictions_sink"));
        assertTrue(written.containsAll(List.of("metrics.json", "fitted_state.json", "run.json")), written.toString());
        assertEquals(1, closedPredictions, "the predictions files are closed after a failed copy");
        assertTrue(failures.isEmpty());
    }

    @Test
    void aSinkFailingForAnotherReasonIsRecordedAsFailed() {
        sink = (runId, rows) -> {
            throw ShapeException.invalidInput("predictions file part-00000.parquet is damaged");
        };
        Run run = service(RunTracker.NONE).score(command(), ScoringListener.NONE);

        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals("failed: predictions file part-00000.parquet is damaged", run.services().get("predictions_sink"));
    }

    @Test
    void withoutASinkNothingIsCopiedOrRecorded() {
        Run run = service(RunTracker.NONE).score(command(), ScoringListener.NONE);

        assertFalse(run.services().containsKey("predictions_sink"));
        assertTrue(openedPredictions.isEmpty());
    }

    @Test
    void aFailedRunIsNotCopied() {
        sink = (runId, rows) -> {
            throw new AssertionError("a failed run has no predictions to store");
        };
        engineBehaviour = (job, listener) -> {
            throw ShapeException.invalidInput("bad data");
        };
        Run run = service(RunTracker.NONE).score(command(), ScoringListener.NONE);

        assertEquals(RunStatus.FAILED, run.status());
        assertFalse(run.services().containsKey("predictions_sink"));
    }

    @Test
    void aCancelledRunEndsCancelled() {
        engineBehaviour = (job, listener) -> {
            activeRuns.cancel(job.runId());
            if (listener.cancelled()) {
                throw new ShapeException(ErrorKind.CANCELLED, "cancelled");
            }
            throw new AssertionError("the engine should have seen the cancellation");
        };
        Run run = service(RunTracker.NONE).score(command(), ScoringListener.NONE);

        assertEquals(RunStatus.CANCELLED, run.status());
        assertFalse(activeRuns.isActive(run.id()));
    }

    @Test
    void anUnknownEngineIsAUsageError() {
        ScoreCommand cmd = new ScoreCommand(Optional.of(Path.of("pipeline.jsonc")), "data.csv", Optional.empty(),
                Optional.empty(), "nope", DataFormat.PARQUET, Optional.empty(), Map.of());
        Run run = service(RunTracker.NONE).score(cmd, ScoringListener.NONE);
        assertEquals(ErrorKind.USAGE, run.error().kind());
        assertTrue(run.error().message().contains("fake"), run.error().message());
    }

    private ScoreCommand commandInto(String output) {
        return new ScoreCommand(Optional.of(Path.of("pipeline.jsonc")), "data.csv", Optional.empty(), Optional.of(output), "fake",
                DataFormat.PARQUET, Optional.empty(), Map.of());
    }

    private ScoreCommand command() {
        return new ScoreCommand(Optional.of(Path.of("pipeline.jsonc")), "data.csv", Optional.empty(), Optional.empty(), "fake",
                DataFormat.PARQUET, Optional.empty(), Map.of());
    }

    private ScoreDatasetService service(RunTracker runTracker) {
        ComputeEngine engine = new ComputeEngine() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public boolean writesTo(String location) {
                return engineWritesUris || InputFiles.isLocal(location);
            }

            @Override
            public ScoringResult score(ScoringJob job, ScoringListener listener) {
                return engineBehaviour.apply(job, listener);
            }
        };
        RunEvents recordingEvents = events::add;
        FailureLog failureLog = failures::add;
        PipelineSpec spec = new PipelineSpec(List.of(new StepSpec("scale", "StandardScaler", Map.of())),
                "artifacts/model.pkl", Optional.of(List.of("x")));
        return new ScoreDatasetService(Clock.systemUTC(), dir, Path.of("output"),
                new ScoreDatasetService.Ports(file -> spec, modelLoader, Map.of("fake", engine),
                        new NamedDocuments(), List.of(new RecordingFolders()), repository, runTracker, recordingEvents, failureLog,
                        new ThreeRowsReader(), Optional.ofNullable(sink)), activeRuns);
    }

    /** The predictions a run of the sign model (x > 0) on three rows would leave: labels 1, -1, 1 (indexes 1, 0, 1). */
    private final class ThreeRowsReader implements PredictionsReader {
        @Override
        public OpenPredictions open(String predictionsDir, Model model) {
            openedPredictions.add(predictionsDir);
            return new OpenPredictions() {
                private int next;

                @Override
                public List<String> labels() {
                    return model.labels().stream().map(String::valueOf).toList();
                }

                @Override
                public boolean hasDecision() {
                    return true;
                }

                @Override
                public int next(PredictionBatch batch) {
                    int n = 0;
                    for (; n < batch.capacity && next < 3; n++, next++) {
                        batch.row[n] = next;
                        batch.label[n] = next == 1 ? 0 : 1;
                        batch.decision[n] = next == 1 ? -0.5 : 0.5;
                    }
                    return n;
                }

                @Override
                public void close() {
                    closedPredictions++;
                }
            };
        }
    }

    private static FittedPipeline fitted(ScoringJob job) {
        return new FittedPipeline(job.pipeline().features(), List.of());
    }

    /** Claims folders once each and records which files the use case wrote into them. */
    private final class RecordingFolders implements RunFolders {
        @Override
        public boolean reaches(String location) {
            return foldersReachUris || InputFiles.isLocal(location);
        }

        @Override
        public RunFolder claim(RunOutputs outputs, io.shape.domain.run.RunId id) {
            Path folder = Path.of(outputs.directory().replace("://", "/"));
            if (!claimedFolders.add(folder)) {
                throw new ShapeException(ErrorKind.USAGE, "output folder " + folder + " is taken");
            }
            return new RunFolder() {
                @Override
                public RunOutputs outputs() {
                    return outputs;
                }

                @Override
                public void write(String name, byte[] content) {
                    if (name.equals(failingFile)) {
                        throw new ShapeException(ErrorKind.INTERNAL, "cannot write " + outputs.file(name)
                                + ": No space left on device");
                    }
                    written.add(name);
                }

                @Override
                public boolean withdrawPredictions() {
                    withdrawn.add(Path.of(outputs.predictions()));
                    return false; // the fake engine publishes no folder
                }

                @Override
                public Optional<Path> localPath() {
                    return InputFiles.isLocal(outputs.directory()) ? Optional.of(folder) : Optional.empty();
                }
            };
        }
    }

    /** Documents as their names: what the service does with them is what these tests look at. */
    private static final class NamedDocuments implements RunDocuments {
        @Override
        public byte[] metrics(RunMetrics metrics) {
            return "metrics".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public byte[] fittedState(FittedPipeline fitted) {
            return "fitted".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public byte[] run(Run run) {
            return run.status().name().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public String toJson(Run run) {
            return "{}";
        }

        @Override
        public FittedPipeline readFittedState(Path file, Pipeline pipeline) {
            throw new UnsupportedOperationException("these runs fit");
        }
    }

    /** Counts calls; fails each with {@link #failure} when set. */
    private static final class RecordingTracker implements RunTracker {
        RuntimeException failure;
        int calls;

        @Override
        public void started(Run run) {
            calls++;
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public void ended(Run run, List<Path> artifacts) {
            calls++;
            if (failure != null) {
                throw failure;
            }
        }
    }
}
