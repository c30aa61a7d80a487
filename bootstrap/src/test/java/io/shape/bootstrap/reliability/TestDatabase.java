package io.shape.bootstrap.reliability;

import org.junit.jupiter.api.Assumptions;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The test PostgreSQL from {@code SHAPE_TEST_POSTGRES_URL} (+ {@code _USER}, {@code _PASSWORD}) as
 * {@code .ci/postgres.sh} prints them; skipped without it, except on CI ({@code CI=true}) where it fails.
 */
final class TestDatabase {
    private TestDatabase() {
    }

    /** URL, user and password. */
    static String[] required() {
        String url = System.getenv("SHAPE_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            String why = "SHAPE_TEST_POSTGRES_URL is not set; run eval \"$(.ci/postgres.sh)\" first";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + " (CI=true: PostgreSQL tests must run)");
            }
            Assumptions.abort(why);
        }
        return new String[] {url, env("SHAPE_TEST_POSTGRES_USER", "shape"), env("SHAPE_TEST_POSTGRES_PASSWORD", "shape")};
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }
}
