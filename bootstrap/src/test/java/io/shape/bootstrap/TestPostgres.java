package io.shape.bootstrap;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real PostgreSQL the end-to-end tests use, named by {@code SHAPE_TEST_POSTGRES_URL} (+ {@code _USER},
 * {@code _PASSWORD}); {@code eval "$(.ci/postgres.sh)"} starts one and sets them. Without it the tests are
 * skipped, except on CI ({@code CI=true}) where they fail. (A copy of adapters-out-persistence's helper,
 * whose test classes bootstrap cannot see.)
 */
final class TestPostgres {
    private TestPostgres() {
    }

    /** The URL, user and password, or skip (fail on CI) when not set. */
    static Optional<String[]> settings() {
        String url = System.getenv("SHAPE_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new String[] {url, env("SHAPE_TEST_POSTGRES_USER", "shape"),
                env("SHAPE_TEST_POSTGRES_PASSWORD", "shape")});
    }

    static String[] required() {
        return settings().orElseGet(() -> {
            String why = "SHAPE_TEST_POSTGRES_URL is not set; run eval \"$(.ci/postgres.sh)\" first";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + " (CI=true: PostgreSQL tests must run)");
            }
            Assumptions.abort(why);
            return null;
        });
    }

    static Connection connect(String[] settings) throws SQLException {
        return DriverManager.getConnection(settings[0], settings[1], settings[2]);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }
}
