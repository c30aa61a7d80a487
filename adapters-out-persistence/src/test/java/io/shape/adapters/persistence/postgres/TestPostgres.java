package io.shape.adapters.persistence.postgres;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real PostgreSQL the tests use, named by {@code SHAPE_TEST_POSTGRES_URL} (+ {@code _USER},
 * {@code _PASSWORD}); {@code eval "$(.ci/postgres.sh)"} starts one and sets them. Without it the tests are
 * skipped, except on CI ({@code CI=true}) where they fail. Published in this module's test jar: bootstrap's
 * end-to-end and reliability tests use the same database the same way.
 */
public final class TestPostgres {
    /** Opened (and migrated) once per test JVM; each test empties it. */
    private static PostgresDatabase opened;

    private TestPostgres() {
    }

    /** The test database's settings when the environment names one (a test that only looks if it can). */
    public static Optional<PostgresSettings> configured() {
        String url = System.getenv("SHAPE_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new PostgresSettings(url, env("SHAPE_TEST_POSTGRES_USER", "shape"),
                env("SHAPE_TEST_POSTGRES_PASSWORD", "shape")));
    }

    /** The test database's settings; skips the test without them (fails it on CI). */
    public static PostgresSettings settings() {
        Optional<PostgresSettings> settings = configured();
        if (settings.isEmpty()) {
            String why = "SHAPE_TEST_POSTGRES_URL is not set; run eval \"$(.ci/postgres.sh)\" first";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + " (CI=true: PostgreSQL tests must run)");
            }
            Assumptions.abort(why);
        }
        return settings.get();
    }

    /** A plain JDBC connection, to read back what a run wrote. */
    public static Connection connect(PostgresSettings settings) throws SQLException {
        return DriverManager.getConnection(settings.url(), settings.user(), settings.password());
    }

    /** The test database, migrated, with no runs and no predictions. */
    static synchronized PostgresDatabase emptyDatabase() {
        if (opened == null) {
            opened = PostgresDatabase.open(settings());
        }
        PostgresDatabase db = opened;
        db.jdbi().useHandle(h -> h.execute("truncate runs, predictions"));
        return db;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }
}
