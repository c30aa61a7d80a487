package io.shape.bootstrap.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shape.adapters.persistence.postgres.PostgresSettings;
import io.shape.adapters.persistence.postgres.TestPostgres;
import io.shape.bootstrap.inprocess.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of {@code shape score} at random points of a local run on a generated table, in a separate JVM:
 * afterwards never a {@code _SUCCESS} without every row, never a visible predictions folder that is not
 * complete, and the next start marks the interrupted run FAILED — with the JSON and the PostgreSQL run store.
 * The seed is printed (and can be given as {@code -Dshape.reliability.seed=N}).
 */
@Tag("reliability")
class CrashSafetyTest {
    /** The 5M rows: a run lasts some seconds, so kills land in every phase (fit passes, spill, scoring, publishing). */
    private static final long ROWS = Long.getLong("shape.reliability.rows", 5_000_000L);
    private static final int KILLS = Integer.getInteger("shape.reliability.kills", 10);
    private static final long SEED = Long.getLong("shape.reliability.seed", System.nanoTime());
    private static final String ABANDONED = "the process running it ended before the run finished";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Ledger LEDGER = new Ledger(CrashSafetyTest.class);

    @TempDir
    static Path root;
    static Path table;

    @BeforeAll
    static void generateTable() throws IOException {
        System.out.println("CrashSafetyTest seed " + SEED + " (rerun with -Dshape.reliability.seed=" + SEED + ")");
        table = root.resolve("big.parquet");
        Shape.generate(root, table, ROWS, 7);
        LEDGER.note("seed " + SEED + ", " + ROWS + " generated rows, " + KILLS
                + " kills per run store at uniform random points of 25-102% of a full run");
    }

    @AfterAll
    static void writeLedger() {
        LEDGER.write();
    }

    @Test
    void killedRunsNeverLookCompleteWithTheJsonStore() throws Exception {
        Path work = Files.createDirectories(root.resolve("json"));
        try (Ledger.Case c = LEDGER.open("atomic outputs; crash recovery of run records",
                "killedRunsNeverLookCompleteWithTheJsonStore",
                "kill -9 at a random point of a local run (JSON store); the next start settles it and removes its staged parts")) {
            killRepeatedly(work, Map.of(), c, new Random(SEED));
        }
        List<Record> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(work.resolve(".shape/runs"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode doc = JSON.readTree(f.toFile());
                records.add(new Record(doc.get("run_id").asText(), doc.get("status").asText(),
                        doc.at("/outputs/directory").asText(), doc.at("/error/message").asText("")));
            }
        }
        assertRecordsConsistent(records);
    }

    @Test
    void killedRunsNeverLookCompleteWithThePostgresStore() throws Exception {
        PostgresSettings db = TestPostgres.settings();
        Path work = Files.createDirectories(root.resolve("postgres"));
        Map<String, String> env = Map.of("SHAPE_RUN_STORE", "postgres", "SHAPE_POSTGRES_URL", db.url(),
                "SHAPE_POSTGRES_USER", db.user(), "SHAPE_POSTGRES_PASSWORD", db.password());
        try (Ledger.Case c = LEDGER.open("atomic outputs; crash recovery of run records",
                "killedRunsNeverLookCompleteWithThePostgresStore",
                "kill -9 at a random point of a local run (PostgreSQL store); the next start settles it and removes its staged parts")) {
            killRepeatedly(work, env, c, new Random(SEED + 1));
        }
        List<Record> records = new ArrayList<>();
        try (Connection conn = TestPostgres.connect(db);
             Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("select id, status, outputs::text, error_message from runs")) {
            while (rs.next()) {
                String dir = JSON.readTree(rs.getString(3)).path("directory").asText();
                if (dir.startsWith(work.toString())) {
                    records.add(new Record(rs.getString(1), rs.getString(2), dir,
                            rs.getString(4) == null ? "" : rs.getString(4)));
                }
            }
        }
        assertRecordsConsistent(records);
    }

    private record Record(String id, String status, String directory, String error) {
    }

    /** Calibrates the duration of one run, then kills KILLS runs at random points of it. */
    private static void killRepeatedly(Path work, Map<String, String> env, Ledger.Case c, Random random)
            throws Exception {
        long t0 = System.nanoTime();
        ShapeJvm.Result full = ShapeJvm.run(work, env, Duration.ofMinutes(3), score(work.resolve("out-full")));
        long fullMillis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, full.exitCode(), full.err());
        Predictions.assertComplete(work.resolve("out-full/predictions"), ROWS);
        System.out.printf("a full run of %d rows takes %d ms (JVM start included)%n", ROWS, fullMillis);

        Map<String, Integer> landed = new HashMap<>();
        for (int i = 0; i < KILLS; i++) {
            Path out = work.resolve("out-" + i);
            long delay = (long) ((0.25 + random.nextDouble() * 0.77) * fullMillis);
            Process p = ShapeJvm.start(work, env, work.resolve("kill-" + i), score(out));
            c.injected();
            boolean endedFirst = p.waitFor(delay, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (!endedFirst) {
                p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
            }
            p.waitFor();
            String where = endedFirst ? "finished before the kill" : describe(out);
            landed.merge(where, 1, Integer::sum);
            System.out.printf("kill %d after %d ms: %s%n", i, delay, where);
            assertOutputHonest(out);
            c.survived();
        }
        // The next start (any command that opens the store) marks what the killed processes left RUNNING.
        ShapeJvm.Result next = ShapeJvm.run(work, env, Duration.ofMinutes(1), "runs", "list", "--limit", "1000");
        assertEquals(0, next.exitCode(), next.err());
        // ... and removes the part files they were writing (hidden folders nobody would ever publish)
        for (int i = 0; i < KILLS; i++) {
            Path out = work.resolve("out-" + i);
            try (Stream<Path> s = Files.exists(out) ? Files.list(out) : Stream.empty()) {
                assertEquals(List.of(), s.filter(f -> f.getFileName().toString().contains(".in-progress-")).toList(),
                        "staged part files left after the next start");
            }
        }
        LEDGER.note("where the kills landed (" + (env.isEmpty() ? "json" : "postgres") + "): " + landed);
    }

    private static String describe(Path out) {
        if (Files.exists(out.resolve("predictions/_SUCCESS"))) {
            return Files.exists(out.resolve("run.json")) ? "after the run record" : "after _SUCCESS";
        }
        try (Stream<Path> s = Files.exists(out) ? Files.list(out) : Stream.empty()) {
            return s.anyMatch(p -> p.getFileName().toString().contains("in-progress")) ? "while writing predictions"
                    : "before the first prediction";
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** What a crash may leave: nothing, hidden in-progress files, or a complete result — never half of one. */
    private static void assertOutputHonest(Path out) throws IOException {
        Path predictions = out.resolve("predictions");
        if (Files.exists(predictions)) {
            assertTrue(Files.exists(predictions.resolve("_SUCCESS")),
                    "a visible predictions folder without _SUCCESS: " + predictions);
            Predictions.assertComplete(predictions, ROWS);
        }
        List<Path> parts = Predictions.visibleParts(out);
        parts.removeIf(p -> p.startsWith(predictions));
        assertEquals(List.of(), parts, "part files outside a complete predictions folder");
        Path runJson = out.resolve("run.json");
        if (Files.exists(runJson)) {
            JsonNode run = JSON.readTree(runJson.toFile());
            if ("SUCCEEDED".equals(run.get("status").asText())) {
                assertTrue(Files.exists(predictions.resolve("_SUCCESS")), "SUCCEEDED without _SUCCESS: " + out);
            }
        }
    }

    /** After the next start no run is left RUNNING; a SUCCEEDED one is complete, the others say why. */
    private static void assertRecordsConsistent(List<Record> records) {
        assertTrue(records.size() >= 1, "the full run at least is recorded");
        for (Record r : records) {
            Path predictions = Path.of(r.directory()).resolve("predictions");
            switch (r.status()) {
                case "SUCCEEDED" -> Predictions.assertComplete(predictions, ROWS);
                case "FAILED" -> assertEquals(ABANDONED, r.error(), r.toString());
                default -> throw new AssertionError("run left " + r.status() + " after the next start: " + r);
            }
        }
    }

    private static String[] score(Path out) {
        return new String[] {"score", "--spec", Shape.SEED_SPEC.toString(), "--model",
                Shape.SEED_MODEL.toString(), "--data", table.toString(), "--output", out.toString(), "--quiet"};
    }
}
