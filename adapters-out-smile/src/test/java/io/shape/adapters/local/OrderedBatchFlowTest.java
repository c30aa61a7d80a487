package io.shape.adapters.local;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.port.ScoringListener;
import io.shape.domain.transform.FittedPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class OrderedBatchFlowTest {
    /** A source of {@code batches} batches of 3 rows whose single value is the row number. */
    private static BatchSource counting(int batches) {
        return new BatchSource() {
            private int made;

            @Override
            public boolean fill(Batch b) {
                if (made == batches) {
                    return false;
                }
                b.firstRow = made * 3L;
                b.rows = 3;
                for (int i = 0; i < 3; i++) {
                    b.inputBuffer[i] = b.firstRow + i;
                }
                b.input = b.inputBuffer;
                made++;
                return true;
            }

            @Override
            public boolean needsInputBuffer() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }

    private static Batch newBatch() {
        return new Batch(new double[3], new FittedPipeline(List.of("x"), List.of()).newRunner(3), null);
    }

    @Test
    void workersFinishingOutOfOrderStillHandOverInRowOrder() {
        List<Double> seen = new ArrayList<>();
        long rows = new OrderedBatchFlow(4).run(counting(2000), OrderedBatchFlowTest::newBatch, b -> {
            LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(200_000)); // uneven work
            b.output = b.runner.transform(b.input, b.rows);
        }, b -> {
            for (int i = 0; i < b.rows; i++) {
                seen.add(b.output[i]);
            }
        }, ScoringListener.NONE);
        assertEquals(6000, rows);
        for (int i = 0; i < 6000; i++) {
            assertEquals(i, seen.get(i), 0.0);
        }
    }

    @Test
    void aWorkerFailureStopsThePassWithTheRowsNamed() {
        ShapeException e = assertThrows(ShapeException.class, () -> new OrderedBatchFlow(2).run(counting(10_000),
                OrderedBatchFlowTest::newBatch, b -> {
                    if (b.firstRow == 300) {
                        throw new ArithmeticException("boom");
                    }
                }, b -> { }, ScoringListener.NONE));
        assertEquals(ErrorKind.INTERNAL, e.kind());
        assertTrue(e.getMessage().startsWith("transforming or scoring rows 300..302 failed"), e.getMessage());
    }

    @Test
    void aSinkFailurePropagatesAndEveryThreadEnds() throws InterruptedException {
        assertThrows(IllegalStateException.class, () -> new OrderedBatchFlow(2).run(counting(10_000),
                OrderedBatchFlowTest::newBatch, b -> { }, b -> {
                    if (b.firstRow == 30) {
                        throw new IllegalStateException("disk full");
                    }
                }, ScoringListener.NONE));
        // The pool has terminated: its threads are at most finishing their exit, never still working.
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("shape-local-")) {
                t.join(5_000);
                assertTrue(!t.isAlive(), t.getName() + " still running");
            }
        }
    }
}
