package io.shape.adapters.persistence.postgres;

import org.junit.jupiter.api.Assumptions;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real PostgreSQL the tests use, named by {@code SHAPE_TEST_POSTGRES_URL} (+ {@code _USER},
 * {@code _PASSWORD}); {@code eval "$(.ci/postgres.sh)"} starts one and sets them. Without it the tests are
 * skipped, except on CI ({@code CI=true}) where they fail.
 */
final class TestPostgres {
    /** Opened (and migrated) once per test JVM; each test empties it. */
    private static PostgresDatabase opened;

    private TestPostgres() {
    }

    static PostgresSettings settings() {
        String url = System.getenv("SHAPE_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            String why = "SHAPE_TEST_POSTGRES_URL is not set; run eval \"$(.ci/postgres.sh)\" first";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + " (CI=true: PostgreSQL tests must run)");
            }
            Assumptions.abort(why);
        }
        return new PostgresSettings(url, env("SHAPE_TEST_POSTGRES_USER", "shape"),
                env("SHAPE_TEST_POSTGRES_PASSWORD", "shape"));
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
