package io.shape.bootstrap;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import io.shape.adapters.cli.ServicesFactory;
import io.shape.adapters.cli.ShapeServices;
import io.shape.application.port.in.GenerateTableUseCase;
import io.shape.application.port.in.ReportRunUseCase;
import io.shape.application.port.in.RunQueries;
import io.shape.application.port.in.ScoreDatasetUseCase;
import io.shape.domain.port.RunEvents;
import io.shape.domain.port.RunDocuments;
import io.shape.domain.run.Run;

import io.shape.adapters.cli.RemoteRuns;
import io.shape.adapters.grpc.GrpcServer;
import io.shape.adapters.grpc.RunServiceClient;
import io.shape.application.service.RunEventLog;
import io.shape.application.service.RunSubmissions;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

/** The composition root: one Guice injector per command, from the layered settings. */
public final class Wiring implements ServicesFactory {
    private final Path workingDir;
    private final Map<String, String> environment;

    public Wiring(Path workingDir, Map<String, String> environment) {
        this.workingDir = workingDir;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public ShapeServices open(Map<String, String> flags) {
        Settings settings = Settings.resolve(workingDir, environment, flags);
        Injector injector;
        try {
            injector = Guice.createInjector(Stage.PRODUCTION, new ShapeModule(settings, workingDir));
        } catch (CreationException e) {
            // Production stage builds the singletons here, so a bad setting (unknown sink, missing URL) fails
            // before any work, as the user's ShapeException rather than Guice's wrapper around it. Adapters that
            // open connections do so on first use (SharedPostgres, Kafka's producer connects lazily).
            for (Message m : e.getErrorMessages()) {
                if (m.getCause() instanceof ShapeException se) {
                    throw se;
                }
            }
            throw e;
        }
        return new InjectedServices(injector, settings);
    }

    /** The services of one injector; closing it releases what the adapters opened. */
    private record InjectedServices(Injector injector, Settings settings) implements ShapeServices {
        @Override
        public ScoreDatasetUseCase scoring() {
            return injector.getInstance(ScoreDatasetUseCase.class);
        }

        @Override
        public GenerateTableUseCase generator() {
            return injector.getInstance(GenerateTableUseCase.class);
        }

        @Override
        public ReportRunUseCase reports() {
            return injector.getInstance(ReportRunUseCase.class);
        }

        @Override
        public RunQueries runs() {
            return injector.getInstance(RunQueries.class);
        }

        @Override
        public RemoteRuns remote(String server) {
            return new GrpcRemoteRuns(RunServiceClient.connect(server, Optional.ofNullable(settings.get("grpc.token")),
                    Optional.ofNullable(settings.get("grpc.tls.trust")).map(Path::of)));
        }

        @Override
        public void serve(IntConsumer started) {
            RunSubmissions submissions = injector.getInstance(RunSubmissions.class);
            GrpcServer server;
            try {
                server = GrpcServer.start(GrpcServers.config(settings, workingDir()),
                        new GrpcServer.Ports(submissions, submissions, submissions,
                                injector.getInstance(RunEventLog.class)), injector.getInstance(Clock.class));
            } catch (IOException e) {
                throw new ShapeException(ErrorKind.USAGE, "cannot serve on " + settings.get("grpc.bind") + ":"
                        + settings.get("grpc.port") + ": " + e.getMessage(), e);
            }
            Thread stopper = new Thread(server::stop, "shape-serve-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            started.accept(server.port());
            try {
                server.awaitTermination();
            } catch (InterruptedException e) {
                // Drain first: with the interrupt flag set again, the drain's waits would end at once and
                // running runs would go on writing after serve() returned.
                server.stop();
                Thread.currentThread().interrupt();
            }
        }

        private Path workingDir() {
            return injector.getInstance(WorkingDir.class).path();
        }

        @Override
        public int flushEvents() {
            return injector.getInstance(RunEvents.class).redeliver();
        }

        @Override
        public String setting(String key) {
            return settings.get(key);
        }

        @Override
        public String toJson(Run run) {
            return injector.getInstance(RunDocuments.class).toJson(run);
        }

        @Override
        public void close() {
            injector.getInstance(Resources.class).close();
        }
    }
}
