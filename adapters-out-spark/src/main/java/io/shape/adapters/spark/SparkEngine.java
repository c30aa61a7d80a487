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
 * <p>Without a given session the engine starts one from the first run's options and stops it when the last
 * run in flight ends; a session handed to the constructor (tests, embedding applications) is used and left
 * running.
 */
public final class SparkEngine implements ComputeEngine {
    private final SparkSession session;
    private final OwnSession own = new OwnSession();

    /** An engine that starts a session when a run needs one and stops it when no run needs it any more. */
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

    /** Any location Spark's Hadoop file systems write: local paths, {@code file:}, {@code hdfs://}, ... */
    @Override
    public boolean writesTo(String location) {
        return true;
    }

    @Override
    public ScoringResult score(ScoringJob job, ScoringListener listener) {
        EngineOptions options = EngineOptions.of(job.options());
        if (session != null) {
            return new SparkScoringRun(session, job, options, listener).run();
        }
        SparkSession started = own.acquire(job.runId(), options);
        try {
            return new SparkScoringRun(started, job, options, listener).run();
        } finally {
            own.release();
        }
    }
}
