package io.shape.adapters.spark;

import io.shape.domain.testing.GatedModel;
import io.shape.domain.testing.WeightedSumModel;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.port.ScoringListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cancelled run stops its running Spark job promptly and commits nothing. */
class CancellationTest {
    /** Set by {@link #stall} when the model starts scoring (local mode: same JVM as the test). */
    private static final AtomicBoolean SLOW_MODEL_STARTED = new AtomicBoolean();

    @TempDir
    Path tmp;

    @Test
    void cancellingDuringScoringCancelsTheRunningJob() {
        Path data = TestTables.parquet(tmp.resolve("d.parquet"), TestTables.values(0, 100));
        Path out = tmp.resolve("predictions");
        SLOW_MODEL_STARTED.set(false);
        // Cancelled once the model is busy inside a task (it would otherwise block for a minute).
        ScoringListener listener = new ScoringListener() {
            @Override
            public boolean cancelled() {
                return SLOW_MODEL_STARTED.get();
            }
        };
        long start = System.nanoTime();

        ShapeException failure = assertThrows(ShapeException.class, () -> new SparkEngine(SharedSpark.session())
                .score(TestTables.job(data, List.of(), new GatedModel(
                        WeightedSumModel.detector(new double[] {1, 0}, 0), CancellationTest::stall), out), listener));

        assertEquals(ErrorKind.CANCELLED, failure.kind(), failure.getMessage());
        assertTrue((System.nanoTime() - start) / 1e9 < 30, "cancellation took too long");
        assertFalse(Files.exists(out.resolve("_SUCCESS")));
    }

    @Test
    void aRunCancelledBeforeItStartsDoesNoWork() {
        Path data = TestTables.parquet(tmp.resolve("d.parquet"), TestTables.values(0, 10));
        ScoringListener cancelled = new ScoringListener() {
            @Override
            public boolean cancelled() {
                return true;
            }
        };
        ShapeException failure = assertThrows(ShapeException.class, () -> new SparkEngine(SharedSpark.session())
                .score(TestTables.job(data, List.of(), WeightedSumModel.detector(new double[] {1, 0}, 0),
                        tmp.resolve("predictions")), cancelled));
        assertEquals(ErrorKind.CANCELLED, failure.kind());
        assertFalse(Files.exists(tmp.resolve("predictions")));
    }

    /** Blocks each batch for a long time, interruptibly: a job that is still running when cancelled. */
    private static void stall(double[] x, int rows, int width) {
        SLOW_MODEL_STARTED.set(true);
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
