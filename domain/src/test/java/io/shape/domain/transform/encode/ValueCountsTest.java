package io.shape.domain.transform.encode;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The counts numpy's {@code unique(return_counts=True)} gives: -0.0 is 0.0, every NaN one value, NaN sorted last. */
class ValueCountsTest {
    @Test
    void zerosAndNaNsAreOneValueEachAndNaNSortsLast() {
        ValueCounts counts = new ValueCounts();
        for (double v : new double[] {3, -0.0, Double.NaN, 0.0, Double.longBitsToDouble(0x7ff8000000000123L), -2, 3}) {
            assertTrue(counts.add(v, 1, 10));
        }
        ValueCounts.Counted sorted = counts.sorted();
        assertArrayEquals(new double[] {-2, 0, 3, Double.NaN}, sorted.values());
        assertArrayEquals(new long[] {1, 2, 2, 2}, sorted.counts());
        assertEquals(0L, Double.doubleToRawLongBits(sorted.values()[1]), "0.0, not -0.0");
    }

    @Test
    void aNewValueBeyondTheLimitIsNotCountedAndAKnownOneStillIs() {
        ValueCounts counts = new ValueCounts();
        assertTrue(counts.add(1, 1, 2));
        assertTrue(counts.add(2, 1, 2));
        assertFalse(counts.add(3, 1, 2));
        assertTrue(counts.add(1, 5, 2));
        assertEquals(2, counts.size());
        assertArrayEquals(new long[] {6, 1}, counts.sorted().counts());
    }

    @Test
    void manyValuesGrowTheTableAndKeepEveryCount() {
        Random random = new Random(7);
        ValueCounts counts = new ValueCounts();
        Map<Double, Long> expected = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            double v = random.nextInt(50_000) * 0.5;
            counts.add(v, 1, Long.MAX_VALUE);
            expected.merge(v, 1L, Long::sum);
        }
        ValueCounts merged = new ValueCounts();
        counts.forEach((v, n) -> merged.add(v, n, Long.MAX_VALUE));
        ValueCounts.Counted sorted = merged.sorted();
        assertEquals(expected.size(), sorted.values().length);
        for (int k = 0; k < sorted.values().length; k++) {
            assertEquals(expected.get(sorted.values()[k]), sorted.counts()[k]);
            assertTrue(k == 0 || sorted.values()[k - 1] < sorted.values()[k]);
        }
    }
}
