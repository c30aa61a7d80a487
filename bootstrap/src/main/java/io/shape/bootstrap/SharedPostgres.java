package io.shape.bootstrap;

import io.shape.adapters.persistence.postgres.PostgresDatabase;
import io.shape.adapters.persistence.postgres.PostgresSettings;

import java.util.function.Supplier;

/**
 * The one PostgreSQL database of a command, shared by the run store and the predictions sink and opened
 * on first use. Not a Guice singleton provider of {@link PostgresDatabase}: the injector is built in
 * production stage, which creates singletons eagerly, and a database that is down must become a recorded
 * UNAVAILABLE failure of the run, not a failure to build the command. A failed open is not remembered, so
 * a long-lived server uses the database once it is back.
 */
final class SharedPostgres {
    private final Supplier<PostgresSettings> settings;
    private PostgresDatabase database;

    SharedPostgres(Supplier<PostgresSettings> settings) {
        this.settings = settings;
    }

    /** The database, opened (and migrated) on the first call; throws ShapeException UNAVAILABLE when down. */
    synchronized PostgresDatabase open() {
        if (database == null) {
            database = PostgresDatabase.open(settings.get());
        }
        return database;
    }
}
