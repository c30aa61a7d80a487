package io.shape.adapters.cli;

import io.shape.application.port.in.GenerateTableUseCase;
import io.shape.application.port.in.ReportRunUseCase;
import io.shape.application.port.in.RunQueries;
import io.shape.application.port.in.ScoreDatasetUseCase;
import io.shape.domain.run.Run;

/** The use cases the command line drives, wired by the composition root for one invocation. */
public interface ShapeServices extends AutoCloseable {
    ScoreDatasetUseCase scoring();

    RunQueries runs();

    /** Writes run reports ({@code report.html}). */
    ReportRunUseCase reports();

    GenerateTableUseCase generator();

    /**
     * Delivers the run events earlier runs could not deliver (e.g. Kafka was down).
     *
     * @return how many are still waiting
     */
    int flushEvents();

    /** A client of the shape server at {@code server} (HOST:PORT), with the configured token and TLS trust. */
    RemoteRuns remote(String server);

    /**
     * Runs the gRPC server ({@code shape serve}) until the process is asked to stop, then drains it.
     *
     * @param started called with the bound port once the server accepts calls
     */
    void serve(java.util.function.IntConsumer started);

    /** A resolved configuration value (flags over environment over config file over defaults), or null. */
    String setting(String key);

    /** The run record as one line of JSON, as {@code run.json} holds it. */
    String toJson(Run run);

    /** Releases what the wiring opened (connections, producers, sessions). */
    @Override
    void close();
}
