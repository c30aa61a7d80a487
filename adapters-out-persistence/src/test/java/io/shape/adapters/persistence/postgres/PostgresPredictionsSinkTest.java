package io.shape.adapters.persistence.postgres;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.run.RunId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The COPY predictions sink against a real PostgreSQL. */
class PostgresPredictionsSinkTest {
    private static final RunId RUN = new RunId("20250301-101530-0000abcd");
    private static final RunId OTHER = new RunId("20250301-101530-0000ef01");
    private static final int SEED_ROWS = 295;

    private PostgresDatabase db;
    private PostgresPredictionsSink sink;

    @BeforeEach
    void emptyDatabase() {
        db = TestPostgres.emptyDatabase();
        sink = new PostgresPredictionsSink(db);
    }

    @Test
    void storesSeedLikePredictionsSoTheirCountsGroupByLabel() {
        sink.store(RUN, seedLike(40));

        assertEquals(Map.of("-1", 31L, "1", 264L), countsByPrediction(RUN));
        assertEquals(SEED_ROWS, db.jdbi().withHandle(h -> h.createQuery(
                "select count(distinct row) from predictions where run_id = :r and row between 0 and 294")
                .bind("r", RUN.value()).mapTo(Long.class).one()).intValue());
    }

    @Test
    void anomaliesOfOneRunComeFromTheirOwnIndex() {
        sink.store(OTHER, seedLike(100));
        sink.store(RUN, seedLike(100));
        String anomalies = "select row from predictions where run_id = '" + RUN.value() + "' and prediction = '-1'";

        List<String> plan = db.jdbi().inTransaction(h -> {
            // Tiny tables make a sequential scan cheapest; the point is that the index can answer.
            h.execute("set local enable_seqscan = off");
            return h.createQuery("explain " + anomalies).mapTo(String.class).list();
        });

        assertTrue(String.join("\n", plan).contains("predictions_anomalies_idx"), String.join("\n", plan));
        assertEquals(31, db.jdbi().withHandle(h -> h.createQuery(anomalies).mapTo(Long.class).list()).size());
    }

    @Test
    void keepsDecisionValuesBitForBit() {
        ArrayPredictionRows rows = seedLike(SEED_ROWS);
        sink.store(RUN, rows);

        double[] expected = decisions();
        List<Double> stored = db.jdbi().withHandle(h -> h.createQuery(
                "select decision_function from predictions where run_id = :r order by row")
                .bind("r", RUN.value()).mapTo(Double.class).list());
        for (int i = 0; i < SEED_ROWS; i++) {
            assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(stored.get(i)), "row " + i);
        }
    }

    @Test
    void storingARunAgainReplacesItsRowsAndLeavesOtherRunsAlone() {
        sink.store(OTHER, seedLike(100));
        sink.store(RUN, seedLike(100));
        sink.store(RUN, seedLike(7));

        assertEquals(Map.of("-1", 31L, "1", 264L), countsByPrediction(RUN));
        assertEquals(Map.of("-1", 31L, "1", 264L), countsByPrediction(OTHER));
    }

    @Test
    void failureWhileReadingTheRowsLeavesNoRowsOfThatRun() {
        sink.store(OTHER, seedLike(100));
        ArrayPredictionRows failing = new ArrayPredictionRows(List.of("-1", "1"), rowNumbers(), labels(),
                decisions(), 50) {
            @Override
            void beforeBatch(int handedOut) {
                if (handedOut >= 150) {
                    throw new ShapeException(ErrorKind.INVALID_INPUT, "part-00001.parquet is truncated");
                }
            }
        };

        ShapeException e = assertThrows(ShapeException.class, () -> sink.store(RUN, failing));

        assertEquals(ErrorKind.INVALID_INPUT, e.kind());
        assertEquals(Map.of(), countsByPrediction(RUN));
        assertEquals(Map.of("-1", 31L, "1", 264L), countsByPrediction(OTHER));
    }

    @Test
    void failedReplacementKeepsTheRunsEarlierRows() {
        sink.store(RUN, seedLike(100));
        long[] duplicated = rowNumbers();
        duplicated[200] = 10;

        ShapeException e = assertThrows(ShapeException.class, () -> sink.store(RUN,
                new ArrayPredictionRows(List.of("-1", "1"), duplicated, labels(), decisions(), 64)));

        assertEquals(ErrorKind.INTERNAL, e.kind());
        assertTrue(e.getMessage().contains("23505"), e.getMessage());
        assertEquals(Map.of("-1", 31L, "1", 264L), countsByPrediction(RUN));
    }

    @Test
    void serverEndingTheSessionMidCopyIsUnavailableAndLeavesNoRows() {
        ArrayPredictionRows killed = new ArrayPredictionRows(List.of("-1", "1"), rowNumbers(), labels(),
                decisions(), 20) {
            @Override
            void beforeBatch(int handedOut) {
                if (handedOut == 100) {
                    // What a server restart does to the session writing the predictions. From another thread:
                    // on this one Jdbi would reuse the sink's own handle, busy in COPY.
                    int killed = CompletableFuture.supplyAsync(() -> db.jdbi().withHandle(h -> h.createQuery(
                            "select count(pg_terminate_backend(pid)) from pg_stat_activity "
                                    + "where query like 'copy predictions%' and pid <> pg_backend_pid()")
                            .mapTo(Integer.class).one())).join();
                    assertEquals(1, killed);
                }
            }
        };

        ShapeException e = assertThrows(ShapeException.class, () -> sink.store(RUN, killed));

        assertEquals(ErrorKind.UNAVAILABLE, e.kind(), e.getMessage());
        assertEquals(Map.of(), countsByPrediction(RUN));
    }

    /** Fast because bounded: the configured connect timeout is what the driver's connect and login wait at most. */
    @Test
    void unreachableServerIsUnavailableWithinTheConnectTimeout() {
        PostgresSettings good = TestPostgres.settings();
        String wrongPort = good.url().replaceFirst("//([^/:]+)(:\\d+)?/", "//127.0.0.1:1/");
        PostgresSettings down = new PostgresSettings(wrongPort, good.user(), "s3cret-pass", Duration.ofSeconds(2));

        ShapeException e = assertThrows(ShapeException.class, () -> PostgresDatabase.open(down));

        assertEquals(ErrorKind.UNAVAILABLE, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
        assertTrue(e.getMessage().contains("check that the server is running"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret-pass"), e.getMessage());
        PGSimpleDataSource source = PostgresDatabase.dataSource(down);
        assertEquals(2, source.getConnectTimeout());
        assertEquals(2, source.getLoginTimeout());
    }

    @Test
    void wrongPasswordIsUnavailableWithoutShowingIt() {
        PostgresSettings good = TestPostgres.settings();
        PostgresSettings wrong = new PostgresSettings(good.url(), good.user(), "not-the-password-42");

        ShapeException e = assertThrows(ShapeException.class, () -> PostgresDatabase.open(wrong));

        assertEquals(ErrorKind.UNAVAILABLE, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("check the user and password"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password-42"), e.getMessage());
        assertFalse(wrong.toString().contains("not-the-password-42"), wrong.toString());
    }

    private Map<String, Long> countsByPrediction(RunId run) {
        Map<String, Long> counts = new LinkedHashMap<>();
        db.jdbi().useHandle(h -> h.createQuery(
                        "select prediction, count(*) as n from predictions where run_id = :r group by 1 order by 1")
                .bind("r", run.value())
                .map((rs, ctx) -> counts.put(rs.getString("prediction"), rs.getLong("n")))
                .list());
        return counts;
    }

    /** 295 rows, 31 of them -1 (every ninth or so), with decision values straddling 0 very closely. */
    private static ArrayPredictionRows seedLike(int chunk) {
        return new ArrayPredictionRows(List.of("-1", "1"), rowNumbers(), labels(), decisions(), chunk);
    }

    private static long[] rowNumbers() {
        long[] rows = new long[SEED_ROWS];
        for (int i = 0; i < SEED_ROWS; i++) {
            rows[i] = i;
        }
        return rows;
    }

    private static int[] labels() {
        int[] label = new int[SEED_ROWS];
        for (int i = 0; i < SEED_ROWS; i++) {
            label[i] = i % 9 == 4 && i < 9 * 31 ? 0 : 1;
        }
        return label;
    }

    private static double[] decisions() {
        int[] label = labels();
        double[] d = new double[SEED_ROWS];
        for (int i = 0; i < SEED_ROWS; i++) {
            double magnitude = i % 5 == 0 ? 1.7e-6 * (i + 1) / SEED_ROWS : Math.PI * (i + 1) / 97.0;
            d[i] = label[i] == 0 ? -magnitude : magnitude;
        }
        return d;
    }
}
