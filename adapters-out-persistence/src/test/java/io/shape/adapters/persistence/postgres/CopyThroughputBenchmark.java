package io.shape.adapters.persistence.postgres;

import io.shape.domain.port.PredictionBatch;
import io.shape.domain.port.PredictionRows;
import io.shape.domain.run.RunId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hand-run measure of COPY throughput into the test database (not part of the normal build):
 * <pre>
 * eval "$(.ci/postgres.sh)"
 * SHAPE_BENCH_COPY_ROWS=10000000 ./mvnw -q -pl adapters-out-persistence -am verify \
 *     -Dtest=CopyThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Prints rows/s for one run of synthetic predictions (1 in 10 an anomaly, a decision value per row).
 */
@EnabledIfEnvironmentVariable(named = "SHAPE_BENCH_COPY_ROWS", matches = "\\d+")
class CopyThroughputBenchmark {
    @Test
    void copiesSyntheticPredictions() {
        long total = Long.parseLong(System.getenv("SHAPE_BENCH_COPY_ROWS"));
        PostgresDatabase db = TestPostgres.emptyDatabase();
        RunId run = new RunId("20250301-000000-00bec400");

        long start = System.nanoTime();
        new PostgresPredictionsSink(db).store(run, new SyntheticRows(total));
        double seconds = (System.nanoTime() - start) / 1e9;

        long stored = db.jdbi().withHandle(h -> h.createQuery("select count(*) from predictions where run_id = :r")
                .bind("r", run.value()).mapTo(Long.class).one());
        assertEquals(total, stored);
        System.out.printf("COPY of %,d predictions: %.2f s, %,.0f rows/s%n", total, seconds, total / seconds);
        db.jdbi().useHandle(h -> h.execute("truncate predictions"));
    }

    /** Generated rows, so the measure is the sink and the server, not a file reader. */
    private static final class SyntheticRows implements PredictionRows {
        private final long total;
        private long next;

        SyntheticRows(long total) {
            this.total = total;
        }

        @Override
        public List<String> labels() {
            return List.of("-1", "1");
        }

        @Override
        public boolean hasDecision() {
            return true;
        }

        @Override
        public int next(PredictionBatch batch) {
            int n = (int) Math.min(batch.capacity, total - next);
            for (int i = 0; i < n; i++) {
                long row = next + i;
                boolean anomaly = row % 10 == 3;
                batch.row[i] = row;
                batch.label[i] = anomaly ? 0 : 1;
                double magnitude = ((row * 2654435761L) & 0xFFFF) / 65536.0 + 1e-7;
                batch.decision[i] = anomaly ? -magnitude : magnitude;
            }
            next += n;
            return n;
        }
    }
}
