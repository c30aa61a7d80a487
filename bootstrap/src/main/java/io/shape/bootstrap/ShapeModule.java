package io.shape.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.shape.adapters.persistence.folder.LocalRunFolders;
import io.shape.adapters.persistence.json.JsonRunDocuments;
import io.shape.adapters.persistence.json.JsonRunRepository;
import io.shape.adapters.persistence.log.FileFailureLog;
import io.shape.adapters.persistence.pickle.PickleModelLoader;
import io.shape.adapters.persistence.postgres.PostgresRunRepository;
import io.shape.adapters.persistence.postgres.PostgresSettings;
import io.shape.adapters.persistence.spec.JsoncSpecReader;
import io.shape.adapters.spark.HadoopRunFolders;
import io.shape.adapters.spark.SparkEngine;
import io.shape.adapters.local.LocalEngine;
import io.shape.adapters.local.PredictionPartsReader;
import io.shape.adapters.local.LocalTableColumns;
import io.shape.adapters.persistence.report.HtmlRunReports;
import io.shape.application.port.in.ReportRunUseCase;
import io.shape.application.service.ReportRunService;
import io.shape.adapters.local.ParquetTableGenerator;
import io.shape.application.port.in.GenerateTableUseCase;
import io.shape.application.port.in.CancelRunUseCase;
import io.shape.application.port.in.RunQueries;
import io.shape.application.port.in.ScoreDatasetUseCase;
import io.shape.application.service.ActiveRuns;
import io.shape.application.service.GenerateTableService;
import io.shape.application.service.RunEventLog;
import io.shape.application.service.RunQueryService;
import io.shape.application.service.RunSubmissions;
import io.shape.application.service.ScoreDatasetService;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.port.ComputeEngine;
import io.shape.domain.port.FailureLog;
import io.shape.domain.port.ModelLoader;
import io.shape.domain.port.PredictionsSink;
import io.shape.domain.port.RunEvents;
import io.shape.domain.port.RunDocuments;
import io.shape.domain.port.RunFolders;
import io.shape.domain.port.RunRepository;
import io.shape.domain.port.RunTracker;
import io.shape.domain.port.SpecReader;

import io.shape.adapters.tracking.events.JsonLinesRunEvents;
import io.shape.adapters.tracking.kafka.KafkaEventsConfig;
import io.shape.adapters.tracking.kafka.KafkaRunEvents;
import io.shape.adapters.tracking.mlflow.MlflowConfig;
import io.shape.adapters.tracking.mlflow.MlflowRunTracker;
import io.shape.adapters.tracking.mlflow.RunOrigin;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Binds every port to the adapter the settings select. The only place that knows all modules. */
final class ShapeModule extends AbstractModule {
    private static final String POSTGRES_URL_HINT =
            "set postgres.url in shape.properties, SHAPE_POSTGRES_URL, or DB_HOST and DB_NAME";

    /** The values of {@code run-store}, {@code predictions-sink}, {@code tracking} and {@code events}. */
    enum RunStore { JSON, POSTGRES }

    enum Sink { NONE, POSTGRES }

    enum Tracking { NONE, MLFLOW }

    enum Events { NONE, LOG, KAFKA }

    private final Settings settings;
    private final Path workingDir;

    ShapeModule(Settings settings, Path workingDir) {
        this.settings = settings;
        this.workingDir = workingDir;
    }

    @Override
    protected void configure() {
        bind(Settings.class).toInstance(settings);
        bind(WorkingDir.class).toInstance(new WorkingDir(workingDir));
        bind(Clock.class).toInstance(Clock.systemUTC());
        bind(Resources.class).in(Singleton.class);
        bind(ActiveRuns.class).in(Singleton.class);
        bind(CancelRunUseCase.class).to(ActiveRuns.class);
        bind(SpecReader.class).toInstance(new JsoncSpecReader());
        bind(RunDocuments.class).toInstance(new JsonRunDocuments());
        bind(GenerateTableUseCase.class).toInstance(
                new GenerateTableService(new ParquetTableGenerator(), workingDir));
    }

    @Provides
    @Singleton
    FailureLog failureLog() {
        return new FileFailureLog(workingDir.resolve(settings.get("logs.dir")).resolve("failure.log"));
    }

    @Provides
    @Singleton
    RunRepository runRepository(Clock clock, SharedPostgres postgres) {
        RunStore store = settings.choice("run-store", "run store", RunStore.class);
        RunRepository repository;
        try {
            repository = switch (store) {
                case JSON -> new JsonRunRepository(workingDir.resolve(settings.get("run-store.path")), clock);
                case POSTGRES -> new PostgresRunRepository(postgres.open(), clock);
            };
        } catch (ShapeException e) {
            if (e.kind() == ErrorKind.UNAVAILABLE) {
                return new UnreachableRunStore(e.getMessage());
            }
            throw e;
        }
        repository.failAbandoned("the process running it ended before the run finished");
        return repository;
    }

    /**
     * The database of one command, shared by the store and the sink. Creating it is cheap: it opens (with a
     * bounded connect timeout) and reads postgres.url on first use, so commands that need no database never
     * ask for one even though the PRODUCTION stage builds singletons eagerly.
     */
    @Provides
    @Singleton
    SharedPostgres postgres() {
        return new SharedPostgres(() -> new PostgresSettings(
                settings.require("postgres.url", POSTGRES_URL_HINT),
                settings.get("postgres.user"), settings.get("postgres.password")));
    }

    /**
     * The copy of each run's predictions, if any. The database is opened on the first store, not here, so
     * one that cannot be reached is recorded in the run instead of stopping it.
     */
    @Provides
    @Singleton
    Optional<PredictionsSink> predictionsSink(SharedPostgres postgres) {
        return switch (settings.choice("predictions-sink", "predictions sink", Sink.class)) {
            case NONE -> Optional.empty();
            case POSTGRES -> {
                // A missing URL is a usage error: say so before the run instead of after it.
                settings.require("postgres.url", POSTGRES_URL_HINT);
                yield Optional.of(new PostgresSinkOnDemand(postgres));
            }
        };
    }

    @Provides
    @Singleton
    RunTracker tracker(Resources resources) {
        return switch (settings.choice("tracking", "tracking", Tracking.class)) {
            case NONE -> RunTracker.NONE;
            case MLFLOW -> resources.register(new MlflowRunTracker(new MlflowConfig(
                    URI.create(settings.require("tracking.uri", "give --tracking-uri http://host:port or "
                            + "MLFLOW_TRACKING_URI")), settings.get("tracking.experiment"),
                    settings.get("tracking.token"), settings.get("tracking.user"), settings.get("tracking.password"),
                    null, null), RunOrigin.ofThisProcess(Version.current(), Version.gitSha(workingDir))));
        };
    }

    @Provides
    @Singleton
    RunEvents events(Resources resources) {
        return switch (settings.choice("events", "events", Events.class)) {
            case NONE -> RunEvents.NONE;
            case LOG -> JsonLinesRunEvents.appendingTo(
                    workingDir.resolve(settings.get("logs.dir")).resolve("events.jsonl"));
            case KAFKA -> resources.register(new KafkaRunEvents(new KafkaEventsConfig(
                    settings.require("kafka.bootstrap-servers", "give KAFKA_SERVER or kafka.bootstrap-servers"),
                    settings.get("kafka.topic"), workingDir.resolve(settings.get("events.spool")), null,
                    settings.family("kafka.producer."))));
        };
    }

    @Provides
    @Singleton
    Map<String, ComputeEngine> engines() {
        Map<String, ComputeEngine> engines = new LinkedHashMap<>();
        // Spark starts its session lazily, on the first run that selects it: cheap to construct.
        for (ComputeEngine engine : List.of(new LocalEngine(), new SparkEngine())) {
            engines.put(engine.name(), engine);
        }
        return engines;
    }

    @Provides
    @Singleton
    ModelLoader modelLoader() {
        return new PickleModelLoader();
    }

    @Provides
    @Singleton
    ScoreDatasetUseCase scoring(Clock clock, SpecReader specReader, ModelLoader modelLoader,
                                Map<String, ComputeEngine> engines, RunDocuments documents, RunRepository repository,
                                RunTracker tracker, RunEventLog events, FailureLog failureLog, ActiveRuns activeRuns,
                                Optional<PredictionsSink> predictionsSink, ReportRunUseCase reports) {
        return new ScoreDatasetService(clock, workingDir, Path.of(settings.get("output.root")),
                new ScoreDatasetService.Ports(specReader, modelLoader, engines, documents, runFolders(), repository,
                        tracker, events, failureLog, new PredictionPartsReader(), predictionsSink), activeRuns, reports,
                List.of(Path.of(settings.get("run-store.path")), Path.of(settings.get("events.spool"))));
    }

    /** Output folders: on this machine, else on a file system Spark's Hadoop knows ({@code hdfs://}). */
    private static List<RunFolders> runFolders() {
        return List.of(new LocalRunFolders(), new HadoopRunFolders());
    }

    /**
     * Reports read runs' local data and predictions with the local engine's readers, and a pickled pipeline's
     * fitted values from its model file with the loader that scores it.
     */
    @Provides
    @Singleton
    ReportRunUseCase reports(RunRepository repository, SpecReader specReader, ModelLoader modelLoader,
                             RunDocuments documents, Clock clock) {
        return new ReportRunService(repository, new LocalTableColumns(), specReader, modelLoader, documents,
                new HtmlRunReports(clock));
    }

    /** Every run's events go through this log, so gRPC watchers can follow runs of this process. */
    @Provides
    @Singleton
    RunEventLog eventLog(RunEvents sink) {
        return new RunEventLog(sink);
    }

    @Provides
    @Singleton
    RunSubmissions submissions(ScoreDatasetUseCase scoring, ActiveRuns activeRuns, RunQueries queries,
                               RunRepository repository, RunEventLog events, Clock clock) {
        return new RunSubmissions(scoring, activeRuns, queries, repository, events, clock,
                settings.integer("grpc.run-threads", 1), settings.integer("grpc.run-queue", 0));
    }

    @Provides
    @Singleton
    RunQueries runQueries(RunRepository repository) {
        return new RunQueryService(repository);
    }
}
