package io.shape.application.service;

import io.shape.application.port.in.ReportRunUseCase;
import io.shape.application.port.in.ScoreCommand;
import io.shape.application.port.in.ScoreDatasetUseCase;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.data.DataFormat;
import io.shape.domain.data.Dataset;
import io.shape.domain.data.FileConfinement;
import io.shape.domain.data.Fingerprints;
import io.shape.domain.model.Model;
import io.shape.domain.port.ComputeEngine;
import io.shape.domain.port.FailureLog;
import io.shape.domain.port.ModelLoader;
import io.shape.domain.port.PredictionsReader;
import io.shape.domain.port.PredictionsSink;
import io.shape.domain.port.RunEvents;
import io.shape.domain.port.RunFiles;
import io.shape.domain.port.RunReports;
import io.shape.domain.port.RunRepository;
import io.shape.domain.port.RunTracker;
import io.shape.domain.port.ScoringJob;
import io.shape.domain.port.ScoringListener;
import io.shape.domain.port.ScoringResult;
import io.shape.domain.port.SpecReader;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunError;
import io.shape.domain.run.RunEvent;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunInputs;
import io.shape.domain.run.RunOutputs;
import io.shape.domain.run.RunServices;
import io.shape.domain.spec.PipelineSpec;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.Pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The original job, done right: read the spec, load the model, let an engine fit and score, then leave the
 * metrics, fitted state and run record next to the predictions — and a record of the failure when it fails.
 */
public final class ScoreDatasetService implements ScoreDatasetUseCase {
    private static final Logger LOG = Logger.getLogger(ScoreDatasetService.class.getName());

    private final Clock clock;
    private final Path workingDir;
    private final Path outputRoot;
    private final SpecReader specReader;
    private final ModelLoader modelLoader;
    private final Map<String, ComputeEngine> engines;
    private final RunFiles runFiles;
    private final RunRecords records;
    private final RunTracker tracker;
    private final RunEvents events;
    private final FailureLog failureLog;
    private final ActiveRuns activeRuns;
    private final PredictionsCopy predictionsCopy;
    private final ReportRunUseCase reports;
    private final OutputFolders outputFolders;

    /**
     * The collaborators, grouped so that the constructor stays readable.
     *
     * @param predictionsSink where a copy of each successful run's predictions goes, read back from its
     *                        files by {@code predictionsReader}; empty for none
     */
    public record Ports(SpecReader specReader, ModelLoader modelLoader, Map<String, ComputeEngine> engines,
                        RunFiles runFiles, RunRepository repository, RunTracker tracker, RunEvents events,
                        FailureLog failureLog, PredictionsReader predictionsReader,
                        Optional<PredictionsSink> predictionsSink) {
        public Ports {
            predictionsSink = predictionsSink == null ? Optional.empty() : predictionsSink;
            if (predictionsSink.isPresent() && predictionsReader == null) {
                throw new IllegalArgumentException("a predictions sink needs a predictions reader");
            }
        }

        /** Without a predictions sink. */
        public Ports(SpecReader specReader, ModelLoader modelLoader, Map<String, ComputeEngine> engines,
                     RunFiles runFiles, RunRepository repository, RunTracker tracker, RunEvents events,
                     FailureLog failureLog) {
            this(specReader, modelLoader, engines, runFiles, repository, tracker, events, failureLog, null,
                    Optional.empty());
        }
    }

    /**
     * @param workingDir where relative paths of the command and of the spec's model are resolved first
     * @param outputRoot where runs without {@code --output} put their folder ({@code <root>/<run id>})
     */
    public ScoreDatasetService(Clock clock, Path workingDir, Path outputRoot, Ports ports, ActiveRuns activeRuns) {
        this(clock, workingDir, outputRoot, ports, activeRuns, null);
    }

    /** @param reports writes {@code report.html} for commands that ask for it; null when none can */
    public ScoreDatasetService(Clock clock, Path workingDir, Path outputRoot, Ports ports, ActiveRuns activeRuns,
                               ReportRunUseCase reports) {
        this(clock, workingDir, outputRoot, ports, activeRuns, reports, List.of());
    }

    /** @param ownFolders shape's own state (the run store, the events spool): no run writes into or around them */
    public ScoreDatasetService(Clock clock, Path workingDir, Path outputRoot, Ports ports, ActiveRuns activeRuns,
                               ReportRunUseCase reports, List<Path> ownFolders) {
        this.clock = clock;
        this.workingDir = workingDir.toAbsolutePath().normalize();
        this.outputRoot = this.workingDir.resolve(outputRoot).normalize();
        this.specReader = ports.specReader();
        this.modelLoader = ports.modelLoader();
        this.engines = Map.copyOf(ports.engines());
        this.runFiles = ports.runFiles();
        this.records = new RunRecords(ports.repository());
        this.tracker = ports.tracker();
        this.events = ports.events();
        this.failureLog = ports.failureLog();
        this.activeRuns = activeRuns;
        this.predictionsCopy = ports.predictionsSink()
                .map(sink -> new PredictionsCopy(ports.predictionsReader(), sink)).orElse(null);
        this.reports = reports;
        this.outputFolders = new OutputFolders(ownFolders.stream().map(this.workingDir::resolve).toList());
    }

    @Override
    public Run score(ScoreCommand command, ScoringListener listener) {
        Instant created = command.assigned().map(ScoreCommand.Assigned::createdAt).orElseGet(clock::instant);
        RunId id = command.assigned().map(ScoreCommand.Assigned::id).orElseGet(() -> RunId.create(created));
        Path outDir = command.output().map(workingDir::resolve).orElse(outputRoot.resolve(id.value())).normalize();
        RunOutputs outputs = new RunOutputs(outDir.toString(), outDir.resolve("predictions").toString(),
                outDir.resolve("metrics.json").toString(), outDir.resolve("fitted_state.json").toString(),
                outDir.resolve("run.json").toString(), command.format().name().toLowerCase(java.util.Locale.ROOT));
        Path specPath = workingDir.resolve(command.spec()).normalize();
        String dataLocation = resolveData(command.data());
        Run run = Run.queued(id, command.engine(), created, RunInputs.of(specPath.toString(), dataLocation), outputs);
        AtomicBoolean cancelFlag = activeRuns.register(id);
        TrackingSession tracking = new TrackingSession(tracker);
        // The record as far as the run got: a failure keeps the inputs and params already known.
        AtomicReference<Run> current = new AtomicReference<>(run);
        boolean claimed = false;
        try {
            current.set(records.save(run.started(clock.instant())));
            events.publish(new RunEvent.RunStarted(eventId(), id, clock.instant(), current.get().engine(),
                    current.get().inputs()));
            // Checked when the run starts, not when it was queued: the folder may have changed meanwhile.
            outputFolders.requireApart(outDir, "data", dataLocation);
            outputFolders.requireApart(outDir, "spec", specPath.toString());
            outputFolders.check(outDir, command.confinement());
            runFiles.claimFolder(outDir, id);
            claimed = true;
            run = execute(current, command, specPath, dataLocation, outDir, tracking,
                    new ProgressRelay(id, listener, events, clock, cancelFlag));
        } catch (ShapeException e) {
            run = current.get().failed(clock.instant(), new RunError(e.kind(), e.getMessage()));
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "run " + id + " failed unexpectedly", e);
            run = current.get().failed(clock.instant(), new RunError(ErrorKind.INTERNAL, "unexpected error: " + e));
        } finally {
            activeRuns.unregister(id);
        }
        return finish(run, tracking, command, claimed);
    }

    private Run execute(AtomicReference<Run> current, ScoreCommand command, Path specPath, String dataLocation,
                        Path outDir, TrackingSession tracking, ProgressRelay progress) {
        Run run = current.get();
        ComputeEngine engine = engines.get(command.engine());
        if (engine == null) {
            throw new ShapeException(ErrorKind.USAGE, "unknown engine '" + command.engine() + "': choose one of "
                    + String.join(", ", engines.keySet().stream().sorted().toList()));
        }
        FileConfinement confinement = command.confinement();
        PipelineSpec spec = specReader.read(confinement.existing("spec", specPath));
        Pipeline pipeline = Pipeline.of(spec);
        // The model a spec names is confined like the spec itself (an absolute path or ../ out of the roots).
        Path modelPath = confinement.existing("model", command.model()
                .map(m -> requireFile(workingDir.resolve(m), m.toString()))
                .orElseGet(() -> resolveModel(spec.modelPath(), specPath)));
        Optional<Path> fittedStatePath = command.fittedState().map(workingDir::resolve)
                .map(p -> confinement.existing("fitted_state", p));
        outputFolders.requireApart(outDir, "model", modelPath.toString());
        fittedStatePath.ifPresent(p -> outputFolders.requireApart(outDir, "fitted state", p.toString()));
        RunInputs inputs = new RunInputs(specPath.toString(), Fingerprints.sha256(specPath), modelPath.toString(),
                Fingerprints.sha256(modelPath), null, dataLocation, Fingerprints.dataset(dataLocation),
                fittedStatePath.map(Path::toString).orElse(null));
        run = records.save(run.withInputs(inputs));
        current.set(run);
        Model model = modelLoader.load(modelPath);
        // Before the engine reads a row: a pipeline that explodes or cannot feed this model is refused now.
        pipeline.widths().requireFits(model);
        run = run.withInputs(new RunInputs(inputs.specPath(), inputs.specSha256(), inputs.modelPath(),
                        inputs.modelSha256(), model.estimatorClass(), inputs.dataPath(), inputs.dataFingerprint(),
                        inputs.fittedState()))
                .withParams(RunParams.of(pipeline, model));
        run = records.save(run);
        current.set(run);
        tracking.started(run);

        Optional<FittedPipeline> frozen = fittedStatePath.map(p -> runFiles.readFittedState(p, pipeline));
        Dataset dataset = new Dataset(dataLocation, DataFormat.ofFileName(dataLocation), pipeline.features(),
                confinement);
        Path predictions = Path.of(run.outputs().predictions());
        ScoringJob job = new ScoringJob(run.id(), dataset, pipeline, model, frozen, predictions.toString(),
                command.format(), command.engineOptions());
        long t0 = System.nanoTime();
        ScoringResult result = engine.score(job, progress);
        double seconds = (System.nanoTime() - t0) / 1e9;

        var metrics = RunMetricsFactory.of(result, model, pipeline, seconds);
        runFiles.writeMetrics(outDir.resolve("metrics.json"), metrics);
        runFiles.writeFittedState(outDir.resolve("fitted_state.json"), result.fitted());
        // The files are the result; the sink holds a copy, so its failure is recorded, not fatal.
        if (predictionsCopy != null) {
            run = predictionsCopy.store(run, model);
            current.set(run);
        }
        return run.succeeded(clock.instant(), metrics);
    }

    /**
     * Ends a run: run file, events, tracking, run store, failure log — each failure recorded, none fatal. A run
     * that did not claim its output folder writes nothing into it (the folder is another run's, or unusable).
     */
    private Run finish(Run run, TrackingSession tracking, ScoreCommand command, boolean claimed) {
        Path outDir = Path.of(run.outputs().directory());
        Path runFile = outDir.resolve("run.json");
        if (claimed) {
            withdrawIfFailed(run);
            run = writeRunFile(runFile, run);
        }
        if (run.error() == null) {
            events.publish(new RunEvent.RunSucceeded(eventId(), run.id(), clock.instant(), run.metrics(),
                    run.outputs()));
        } else {
            events.publish(new RunEvent.RunFailed(eventId(), run.id(), clock.instant(), run.error().kind().name(),
                    run.error().message(), run.services()));
        }
        run = run.withService(RunServices.EVENTS, safeStatus());
        if (claimed && command.report() && run.error() == null) {
            run = writeReport(run);
        }
        run = tracking.ended(run, claimed ? artifacts(run, command, outDir) : List.of());
        run = records.save(run);
        if (claimed) {
            run = writeRunFile(runFile, run);
        }
        if (run.error() != null) {
            try {
                failureLog.append(run);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot append to the failure log", e);
            }
        }
        return run;
    }

    /**
     * Writes {@code run.json}. A run that succeeded but cannot leave its record (a full disk) has failed: its
     * predictions lose their {@code _SUCCESS}, so nothing in the folder claims a success the record denies.
     */
    private Run writeRunFile(Path runFile, Run run) {
        try {
            runFiles.writeRun(runFile, run);
            return run;
        } catch (RuntimeException e) {
            String why = "cannot write " + runFile + ": " + e.getMessage();
            if (run.error() != null) {
                return run.withService(RunServices.RUN_FILE, "not written: " + why);
            }
            Run failed = run.failed(clock.instant(), new RunError(ErrorKind.INTERNAL, why));
            withdrawIfFailed(failed);
            return failed;
        }
    }

    private void withdrawIfFailed(Run run) {
        if (run.error() != null && runFiles.withdrawPredictions(Path.of(run.outputs().predictions()))) {
            LOG.warning("run " + run.id() + " failed after its predictions were published; their _SUCCESS was removed");
        }
    }

    /** The report is a view of a finished run: its failure is recorded in the run, not fatal to it. */
    private Run writeReport(Run run) {
        if (reports == null) {
            return run.withService(RunServices.REPORT, "not written: no report renderer is configured");
        }
        try {
            reports.report(run);
            return run;
        } catch (ShapeException e) {
            return run.withService(RunServices.REPORT, RunServices.failed(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot write the report of run " + run.id(), e);
            return run.withService(RunServices.REPORT, RunServices.failed(String.valueOf(e)));
        }
    }

    private String safeStatus() {
        try {
            events.flush();
            return events.status();
        } catch (RuntimeException e) {
            return "failed: " + e.getMessage();
        }
    }

    private static List<Path> artifacts(Run run, ScoreCommand command, Path outDir) {
        List<Path> files = new java.util.ArrayList<>();
        if (run.inputs() != null && run.inputs().specPath() != null) {
            files.add(Path.of(run.inputs().specPath()));
        }
        for (String name : List.of("fitted_state.json", "metrics.json", "run.json", RunReports.FILE_NAME)) {
            Path f = outDir.resolve(name);
            if (Files.isRegularFile(f)) {
                files.add(f);
            }
        }
        return files;
    }

    private String resolveData(String data) {
        return data.contains("://") ? data : workingDir.resolve(data).normalize().toString();
    }

    /** As the original job: a relative model path is tried against the working directory, then the spec's folder. */
    private Path resolveModel(String modelPath, Path specPath) {
        Path given = Path.of(modelPath);
        if (given.isAbsolute()) {
            return requireFile(given, modelPath);
        }
        Path fromCwd = workingDir.resolve(given).normalize();
        if (Files.isRegularFile(fromCwd)) {
            return fromCwd;
        }
        Path fromSpec = specPath.getParent().resolve(given).normalize();
        if (Files.isRegularFile(fromSpec)) {
            return fromSpec;
        }
        throw ShapeException.invalidInput("model file '" + modelPath + "' named in " + specPath
                + " not found (looked in " + fromCwd + " and " + fromSpec + ")");
    }

    private static Path requireFile(Path file, String asWritten) {
        if (!Files.isRegularFile(file)) {
            throw ShapeException.invalidInput("model file '" + asWritten + "' " + (Files.exists(file)
                    ? "is not a regular file (a folder, FIFO or device): give the pickle itself" : "not found"));
        }
        return file;
    }

    private static String eventId() {
        return UUID.randomUUID().toString();
    }
}
