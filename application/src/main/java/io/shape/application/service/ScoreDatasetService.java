package io.shape.application.service;

import io.shape.application.port.in.ReportRunUseCase;
import io.shape.application.port.in.ScoreCommand;
import io.shape.application.port.in.ScoreDatasetUseCase;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.data.DataFormat;
import io.shape.domain.data.Dataset;
import io.shape.domain.data.FileConfinement;
import io.shape.domain.data.InputFiles;
import io.shape.domain.data.Fingerprints;
import io.shape.domain.model.Model;
import io.shape.domain.pickled.PickledPipeline;
import io.shape.domain.port.ComputeEngine;
import io.shape.domain.port.FailureLog;
import io.shape.domain.port.ModelLoader;
import io.shape.domain.port.PredictionsReader;
import io.shape.domain.port.PredictionsSink;
import io.shape.domain.port.RunEvents;
import io.shape.domain.port.RunDocuments;
import io.shape.domain.port.RunFolder;
import io.shape.domain.port.RunFolders;
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
    private final RunDocuments documents;
    private final List<RunFolders> folders;
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
                        RunDocuments documents, List<RunFolders> folders, RunRepository repository,
                        RunTracker tracker, RunEvents events, FailureLog failureLog, PredictionsReader predictionsReader,
                        Optional<PredictionsSink> predictionsSink) {
        public Ports {
            predictionsSink = predictionsSink == null ? Optional.empty() : predictionsSink;
            if (predictionsSink.isPresent() && predictionsReader == null) {
                throw new IllegalArgumentException("a predictions sink needs a predictions reader");
            }
        }

        /** Without a predictions sink. */
        public Ports(SpecReader specReader, ModelLoader modelLoader, Map<String, ComputeEngine> engines,
                     RunDocuments documents, List<RunFolders> folders, RunRepository repository, RunTracker tracker,
                     RunEvents events, FailureLog failureLog) {
            this(specReader, modelLoader, engines, documents, folders, repository, tracker, events, failureLog, null,
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
        this.documents = ports.documents();
        this.folders = List.copyOf(ports.folders());
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
        RunOutputs outputs = RunOutputs.in(outputLocation(command, id), command.format());
        Optional<Path> specPath = command.spec().map(s -> workingDir.resolve(s).normalize());
        String dataLocation = resolveData(command.data());
        Run run = Run.queued(id, command.engine(), created, RunInputs.of(specPath.map(Path::toString).orElse(null),
                dataLocation), outputs);
        AtomicBoolean cancelFlag = activeRuns.register(id);
        TrackingSession tracking = new TrackingSession(tracker);
        RunFolder folder = null;
        // Each stage returns the record as far as the run got, so that a failure keeps what was known.
        try {
            run = records.save(run.started(clock.instant()));
            events.publish(new RunEvent.RunStarted(eventId(), id, clock.instant(), run.engine(), run.inputs()));
            requireWritable(command.engine(), outputs.directory());
            folder = claim(outputs, id, dataLocation, specPath, command.confinement());
            ComputeEngine engine = engine(command.engine());
            Located located = locate(run, command, specPath, dataLocation, folder);
            run = located.run();
            Prepared prepared = prepare(located, command);
            run = records.save(prepared.run());
            tracking.started(run);
            run = scoreWith(engine, prepared, folder, command, new ProgressRelay(id, listener, events, clock,
                    cancelFlag));
        } catch (ShapeException e) {
            run = run.failed(clock.instant(), new RunError(e.kind(), e.getMessage()));
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "run " + id + " failed unexpectedly", e);
            run = run.failed(clock.instant(), RunError.unexpected(e));
        } finally {
            activeRuns.unregister(id);
        }
        return finish(run, tracking, command, folder);
    }

    /** The run with its inputs found and fingerprinted, and what the next stage needs of them. */
    private record Located(Run run, Optional<PipelineSpec> spec, Path modelPath, Optional<Path> fittedStatePath) {
    }

    /** The run ready to score: its model loaded and checked against the pipeline, its params recorded. */
    private record Prepared(Run run, Pipeline pipeline, Model model, Optional<FittedPipeline> frozen) {
    }

    private ComputeEngine engine(String name) {
        ComputeEngine engine = engines.get(name);
        if (engine == null) {
            throw new ShapeException(ErrorKind.USAGE, "unknown engine '" + name + "': choose one of "
                    + String.join(", ", engines.keySet().stream().sorted().toList()));
        }
        return engine;
    }

    /** Before the folder is claimed: an engine that cannot write there must not have a remote folder made. */
    private void requireWritable(String engineName, String outputLocation) {
        ComputeEngine engine = engines.get(engineName);
        if (engine != null && !engine.writesTo(outputLocation)) {
            throw new ShapeException(ErrorKind.USAGE, "the " + engineName + " engine writes to folders on this "
                    + "machine, not to " + outputLocation + ": use --engine spark for a file system URI, or a local "
                    + "--output");
        }
    }

    /** Checked when the run starts, not when it was queued: the folder may have changed meanwhile. */
    private RunFolder claim(RunOutputs outputs, RunId id, String dataLocation, Optional<Path> specPath,
                            FileConfinement confinement) {
        String location = outputs.directory();
        RunFolders store = folders.stream().filter(f -> f.reaches(location)).findFirst()
                .orElseThrow(() -> new ShapeException(ErrorKind.USAGE, "no file system for the output folder "
                        + location + ": give a local --output, or a URI of a file system Spark can write"));
        if (InputFiles.isLocal(location)) {
            Path outDir = InputFiles.localPath(location);
            outputFolders.requireApart(outDir, "data", dataLocation);
            specPath.ifPresent(spec -> outputFolders.requireApart(outDir, "spec", spec.toString()));
            outputFolders.check(outDir, confinement);
        }
        return store.claim(outputs, id);
    }

    private Located locate(Run run, ScoreCommand command, Optional<Path> specPath, String dataLocation,
                           RunFolder folder) {
        FileConfinement confinement = command.confinement();
        Optional<PipelineSpec> spec = specPath.map(p -> specReader.read(confinement.existing("spec", p)));
        // The model a spec names is confined like the spec itself (an absolute path or ../ out of the roots).
        Path modelPath = confinement.existing("model", command.model()
                .map(m -> requireFile(workingDir.resolve(m), m.toString()))
                .orElseGet(() -> resolveModel(spec.orElseThrow().modelPath(), specPath.orElseThrow())));
        Optional<Path> fittedStatePath = command.fittedState().map(workingDir::resolve)
                .map(p -> confinement.existing("fitted_state", p));
        folder.localPath().ifPresent(outDir -> {
            outputFolders.requireApart(outDir, "model", modelPath.toString());
            fittedStatePath.ifPresent(p -> outputFolders.requireApart(outDir, "fitted state", p.toString()));
        });
        RunInputs inputs = new RunInputs(specPath.map(Path::toString).orElse(null),
                specPath.map(Fingerprints::sha256).orElse(null), modelPath.toString(),
                Fingerprints.sha256(modelPath), null, dataLocation, Fingerprints.dataset(dataLocation),
                fittedStatePath.map(Path::toString).orElse(null));
        return new Located(run.withInputs(inputs), spec, modelPath, fittedStatePath);
    }

    private Prepared prepare(Located located, ScoreCommand command) {
        PickledPipeline pickled = modelLoader.load(located.modelPath());
        Model model = pickled.estimator();
        Pipeline pipeline = pickled.scoredAfter(located.spec(), command.features(), "model file " + located.modelPath());
        // Before the engine reads a row: a pipeline that explodes or cannot feed this model is refused now.
        pipeline.widths().requireFits(model);
        pipeline.columnPlan(); // and one whose text columns a later step would read
        Run run = located.run().withInputs(located.run().inputs().withModelClass(model.estimatorClass()))
                .withParams(RunParams.of(pipeline, model));
        Optional<FittedPipeline> frozen = located.fittedStatePath().map(p -> documents.readFittedState(p, pipeline));
        return new Prepared(run, pipeline, model, frozen);
    }

    private Run scoreWith(ComputeEngine engine, Prepared prepared, RunFolder folder, ScoreCommand command,
                          ProgressRelay progress) {
        Run run = prepared.run();
        String dataLocation = run.inputs().dataPath();
        Dataset dataset = new Dataset(dataLocation, DataFormat.ofFileName(dataLocation), prepared.pipeline().features(),
                command.confinement(), prepared.pipeline().columnPlan(prepared.frozen()));
        ScoringJob job = new ScoringJob(run.id(), dataset, prepared.pipeline(), prepared.model(), prepared.frozen(),
                run.outputs().predictions(), command.format(), command.engineOptions());
        long t0 = System.nanoTime();
        ScoringResult result = engine.score(job, progress);
        double seconds = (System.nanoTime() - t0) / 1e9;

        var metrics = RunMetricsFactory.of(result, prepared.model(), prepared.pipeline(), seconds);
        folder.write(RunOutputs.METRICS, documents.metrics(metrics));
        folder.write(RunOutputs.FITTED_STATE, documents.fittedState(result.fitted()));
        // The files are the result; the sink holds a copy, so its failure is recorded, not fatal.
        if (predictionsCopy != null) {
            run = folder.localPath().isPresent() ? predictionsCopy.store(run, prepared.model())
                    : run.withService(RunServices.PREDICTIONS_SINK, RunServices.failed("not copied: the copy reads "
                    + "the predictions from an output folder on this machine, not " + run.outputs().directory()));
        }
        return run.succeeded(clock.instant(), metrics);
    }

    /**
     * Ends a run: events, report, tracking, run store, then {@code run.json} once with all of it, and the
     * failure log — each failure recorded, none fatal. A run that did not claim its output folder writes
     * nothing into it (the folder is another run's, or unusable).
     */
    private Run finish(Run run, TrackingSession tracking, ScoreCommand command, RunFolder folder) {
        if (folder != null) {
            withdrawIfFailed(run, folder);
        }
        publishEnd(run);
        run = run.withService(RunServices.EVENTS, safeStatus());
        if (folder != null && command.report() && run.error() == null) {
            run = writeReport(run, folder);
        }
        run = tracking.ended(run, folder == null ? List.of() : artifacts(run, folder));
        run = records.save(run);
        if (folder != null) {
            Run written = writeRunFile(run, folder);
            if (written != run) {
                // The record could not be left next to the predictions. A run announced as succeeded has
                // failed after all: the store and the events learn it too (tracking has ended by now).
                if (run.error() == null && written.error() != null) {
                    publishEnd(written);
                    written = written.withService(RunServices.EVENTS, safeStatus());
                }
                run = records.save(written);
            }
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

    private void publishEnd(Run run) {
        if (run.error() == null) {
            events.publish(new RunEvent.RunSucceeded(eventId(), run.id(), clock.instant(), run.metrics(),
                    run.outputs()));
        } else {
            events.publish(new RunEvent.RunFailed(eventId(), run.id(), clock.instant(), run.error().kind().name(),
                    run.error().message(), run.services()));
        }
    }

    /**
     * Writes {@code run.json}. A run that succeeded but cannot leave its record (a full disk) has failed: its
     * predictions lose their {@code _SUCCESS}, so nothing in the folder claims a success the record denies.
     */
    private Run writeRunFile(Run run, RunFolder folder) {
        try {
            folder.write(RunOutputs.RUN_RECORD, documents.run(run));
            return run;
        } catch (RuntimeException e) {
            String why = e instanceof ShapeException ? e.getMessage()
                    : "cannot write " + run.outputs().runRecord() + ": " + e.getMessage();
            if (run.error() != null) {
                return run.withService(RunServices.RUN_FILE, "not written: " + why);
            }
            Run failed = run.failed(clock.instant(), new RunError(ErrorKind.INTERNAL, why));
            withdrawIfFailed(failed, folder);
            return failed;
        }
    }

    private void withdrawIfFailed(Run run, RunFolder folder) {
        if (run.error() != null && folder.withdrawPredictions()) {
            LOG.warning("run " + run.id() + " failed after its predictions were published; their _SUCCESS was removed");
        }
    }

    /** The report is a view of a finished run: its failure is recorded in the run, not fatal to it. */
    private Run writeReport(Run run, RunFolder folder) {
        if (reports == null) {
            return run.withService(RunServices.REPORT, "not written: no report renderer is configured");
        }
        if (folder.localPath().isEmpty()) {
            return run.withService(RunServices.REPORT, "not written: the report reads and writes an output folder "
                    + "on this machine, not " + run.outputs().directory());
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

    /**
     * The files tracking keeps with the run: its spec and the folder's documents, when the folder is on this
     * machine. {@code run.json} is written after tracking ends (it records how tracking went); the tracker
     * logs the same record as the run's params, metrics and status.
     */
    private static List<Path> artifacts(Run run, RunFolder folder) {
        List<Path> files = new java.util.ArrayList<>();
        if (run.inputs() != null && run.inputs().specPath() != null) {
            files.add(Path.of(run.inputs().specPath()));
        }
        folder.localPath().ifPresent(dir -> {
            for (String name : List.of(RunOutputs.FITTED_STATE, RunOutputs.METRICS, RunOutputs.REPORT)) {
                Path f = dir.resolve(name);
                if (Files.isRegularFile(f)) {
                    files.add(f);
                }
            }
        });
        return files;
    }

    /** {@code --output} resolved against the working directory, a URI as given; by default under the root. */
    private String outputLocation(ScoreCommand command, RunId id) {
        return command.output()
                .map(o -> InputFiles.isLocal(o) ? workingDir.resolve(InputFiles.localPath(o)).normalize().toString() : o)
                .orElseGet(() -> outputRoot.resolve(id.value()).toString());
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
