package io.shape.bootstrap;

import io.shape.adapters.persistence.postgres.PostgresPredictionsSink;
import io.shape.domain.port.PredictionRows;
import io.shape.domain.port.PredictionsSink;
import io.shape.domain.run.RunId;

/**
 * The PostgreSQL predictions sink, opening the shared database when it first stores: a database that
 * cannot be opened surfaces as that store's {@link io.shape.domain.ShapeException} (UNAVAILABLE), which the
 * run records, instead of stopping the command before it scored anything.
 */
final class PostgresSinkOnDemand implements PredictionsSink {
    private final SharedPostgres database;

    PostgresSinkOnDemand(SharedPostgres database) {
        this.database = database;
    }

    @Override
    public void store(RunId run, PredictionRows rows) {
        new PostgresPredictionsSink(database.open()).store(run, rows);
    }
}
