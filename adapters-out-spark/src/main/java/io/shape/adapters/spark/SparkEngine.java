package io.shape.adapters.spark;

import io.shape.domain.port.ComputeEngine;
import io.shape.domain.port.ScoringJob;
import io.shape.domain.port.ScoringListener;
import io.shape.domain.port.ScoringResult;
import org.apache.spark.sql.SparkSession;

import java.util.Objects;

/**
 * The {@code spark} compute engine: Spark reads, spreads and writes the rows, the domain's steps,
 * accumulators and model do the math inside Spark tasks.
 *
 * <p>Without a session of its own the engine starts one per run from the job's options and stops it at
 * the end; a session handed to the constructor (tests, embedding applications) is used and left running.
 */
public final class SparkEngine implements ComputeEngine {
    private final SparkSession session;

    /** An engine that starts (and stops) a session for each run. */
    public SparkEngine() {
        this.session = null;
    }

    /** An engine that runs every job on {@code session} and never stops it. */
    public SparkEngine(SparkSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public ScoringResult score(ScoringJob job, ScoringListener listener) {
        EngineOptions options = EngineOptions.of(job.options());
        if (session != null) {
            return new SparkScoringRun(session, job, options, listener).run();
        }
        SparkSession own = SessionFactory.create(job.runId(), options);
        try {
            return new SparkScoringRun(own, job, options, listener).run();
        } finally {
            own.stop();
        }
    }
}
