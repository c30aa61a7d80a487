package io.shape.bootstrap;

import io.shape.adapters.cli.ShapeCommand;
import io.shape.adapters.persistence.postgres.PostgresSettings;
import io.shape.adapters.persistence.postgres.TestPostgres;
import io.shape.bootstrap.inprocess.Shape;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code shape score --run-store postgres --predictions-sink postgres} in-process on the seed, against a
 * real PostgreSQL: the predictions land in the table with scikit-learn's counts; with the database down the
 * files are still written and the run says why the copy is missing.
 */
class PostgresEndToEndTest {
    private static final Pattern RUN_ID = Pattern.compile("\"run_id\"\\s*:\\s*\"([^\"]+)\"");

    @TempDir
    Path work;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void seed() throws IOException {
        Shape.copySeed(work);
    }

    @Test
    void theLocalEnginesPredictionsLandInPostgresWithScikitLearnsCounts() throws Exception {
        PostgresSettings db = TestPostgres.settings();
        Path output = work.resolve("out-local");

        int code = score(env(db), output, "local", "parquet");

        assertEquals(0, code, err.toString());
        String runId = runId(output);
        assertTrue(Files.readString(output.resolve("run.json")).contains("stored 295 rows"),
                Files.readString(output.resolve("run.json")));
        assertEquals(Map.of("-1", 31L, "1", 264L), countsByPrediction(db, runId));
        assertEquals(Optional.of("SUCCEEDED"), runStatus(db, runId));
    }

    @ParameterizedTest
    @ValueSource(strings = {"parquet", "csv"})
    void sparksPredictionsLandInPostgresToo(String format) throws Exception {
        PostgresSettings db = TestPostgres.settings();
        Path output = work.resolve("out-spark-" + format);

        int code = score(env(db), output, "spark", format);

        assertEquals(0, code, err.toString());
        String runId = runId(output);
        assertEquals(Map.of("-1", 31L, "1", 264L), countsByPrediction(db, runId));
        assertEquals(Optional.of("SUCCEEDED"), runStatus(db, runId));
    }

    @Test
    void withTheDatabaseDownTheFilesAreWrittenTheRunSaysWhyAndTheExitCodeIsOne() throws Exception {
        String closed = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/shape_test";
        Path output = work.resolve("out-down");

        int code = score(env(new PostgresSettings(closed, "shape", "secret-pw")), output, "local", "parquet");

        assertEquals(1, code, err.toString());
        assertTrue(err.toString().contains("not in the predictions sink (unreachable:"), err.toString());
        assertTrue(Files.exists(output.resolve("predictions/_SUCCESS")));
        assertTrue(Files.exists(output.resolve("metrics.json")));
        String runJson = Files.readString(output.resolve("run.json"));
        assertTrue(runJson.contains("\"SUCCEEDED\""), runJson);
        assertTrue(Pattern.compile("\"predictions_sink\"\\s*:\\s*\"unreachable: ").matcher(runJson).find(), runJson);
        assertTrue(Pattern.compile("\"run_store\"\\s*:\\s*\"unreachable: ").matcher(runJson).find(), runJson);
        assertTrue(!runJson.contains("secret-pw") && !err.toString().contains("secret-pw"), "password leaked");
        // Where a real database is at hand, make sure nothing of this run reached it.
        Optional<PostgresSettings> db = TestPostgres.configured();
        if (db.isPresent()) {
            assertEquals(Map.of(), countsByPrediction(db.get(), runId(output)));
        }
    }

    @Test
    void anUnknownSinkOrAMissingUrlIsAUsageErrorBeforeAnythingRuns() {
        assertEquals(2, ShapeCommand.run(new Wiring(work, Map.of()), new PrintWriter(out, true),
                new PrintWriter(err, true), "score", "--predictions-sink", "mysql", "--output", "o1"));
        assertTrue(err.toString().contains("unknown predictions sink 'mysql': use none or postgres"), err.toString());
        assertEquals(2, ShapeCommand.run(new Wiring(work, Map.of("SHAPE_PREDICTIONS_SINK", "postgres")),
                new PrintWriter(out, true), new PrintWriter(err, true), "score", "--output", "o2"));
        assertTrue(err.toString().contains("setting 'postgres.url' is required"), err.toString());
        assertTrue(!Files.exists(work.resolve("o1")) && !Files.exists(work.resolve("o2")));
    }

    private int score(Map<String, String> env, Path output, String engine, String format) {
        return ShapeCommand.run(new Wiring(work, env), new PrintWriter(out, true), new PrintWriter(err, true),
                "score", "--run-store", "postgres", "--predictions-sink", "postgres", "--quiet",
                "--engine", engine, "--format", format, "--master", "local[2]",
                "--spec", work.resolve("artifacts/pipeline.jsonc").toString(),
                "--data", work.resolve("data/dataset.parquet").toString(),
                "--output", output.toString());
    }

    private static Map<String, String> env(PostgresSettings db) {
        return Map.of("SHAPE_POSTGRES_URL", db.url(), "SHAPE_POSTGRES_USER", db.user(), "SHAPE_POSTGRES_PASSWORD",
                db.password(), "SHAPE_EVENTS", "none");
    }

    private static String runId(Path output) throws IOException {
        Matcher m = RUN_ID.matcher(Files.readString(output.resolve("run.json")));
        assertTrue(m.find(), "run.json has an id");
        return m.group(1);
    }

    private static Map<String, Long> countsByPrediction(PostgresSettings db, String runId) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = TestPostgres.connect(db);
             PreparedStatement q = c.prepareStatement(
                     "SELECT prediction, count(*) FROM predictions WHERE run_id = ? GROUP BY 1")) {
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    private static Optional<String> runStatus(PostgresSettings db, String runId) throws SQLException {
        try (Connection c = TestPostgres.connect(db);
             PreparedStatement q = c.prepareStatement("SELECT status FROM runs WHERE id = ?")) {
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** A port nothing listens on: bound and released, so connecting is refused at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
