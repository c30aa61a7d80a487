package io.shape.adapters.spark;

import io.shape.domain.run.RunId;
import org.apache.spark.sql.SparkSession;

/**
 * The session an engine starts itself. A JVM holds one SparkContext, so runs in flight at the same time
 * (a server) share it: the first run's options configure it, the last run to finish stops it.
 */
final class OwnSession {
    private SparkSession session;
    private int runs;

    synchronized SparkSession acquire(RunId runId, EngineOptions options) {
        if (runs == 0) {
            session = SessionFactory.create(runId, options);
        }
        runs++;
        return session;
    }

    synchronized void release() {
        runs--;
        if (runs == 0) {
            session.stop();
            session = null;
        }
    }
}
