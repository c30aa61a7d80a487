package io.shape.domain.report;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeriesSamplerTest {
    @Test
    void aSmallRunKeepsEveryRowAndEveryAnomaly() {
        SeriesSampler s = new SeriesSampler(List.of("a"), 5, 10, 100);
        for (int i = 0; i < 5; i++) {
            s.add(i * 0.5, new double[] {9, i * 10.0}, 1, i % 2 == 0);
        }
        SeriesSample sample = s.finish("time", "prediction = -1");
        FeatureSeries f = sample.features().get(0);
        assertEquals(1, sample.rowsPerBucket());
        assertArrayEquals(new double[] {0, 0.5, 1, 1.5, 2}, f.keys());
        assertArrayEquals(new double[] {0, 10, 20, 30, 40}, f.values());
        assertArrayEquals(new double[] {0, 1, 2}, f.anomalyKeys());
        assertArrayEquals(new double[] {0, 20, 40}, f.anomalyValues());
        assertEquals(3, sample.anomalies());
    }

    /** A million rows in 100 buckets: 200 points, yet the single spike and the single dip are still drawn. */
    @Test
    void aLargeRunKeepsEachBucketsExtremesInRowOrderAndCapsTheMarks() {
        int rows = 1_000_000;
        SeriesSampler s = new SeriesSampler(List.of("a"), rows, 100, 10);
        double[] v = new double[1];
        for (int i = 0; i < rows; i++) {
            v[0] = i == 123_456 ? 1e6 : i == 654_321 ? -1e6 : Math.sin(i / 1000.0);
            s.add(i, v, 0, i % 1000 == 7);
        }
        SeriesSample sample = s.finish("row", "prediction = -1");
        FeatureSeries f = sample.features().get(0);
        assertEquals(10_000, sample.rowsPerBucket());
        assertEquals(200, f.keys().length);
        assertTrue(Arrays.stream(f.values()).anyMatch(x -> x == 1e6));
        assertTrue(Arrays.stream(f.values()).anyMatch(x -> x == -1e6));
        for (int i = 1; i < f.keys().length; i++) {
            assertTrue(f.keys()[i] > f.keys()[i - 1], "points stay in row order");
        }
        assertEquals(1000, sample.anomalies());
        assertEquals(10, sample.anomaliesShown());
        assertEquals(10, f.anomalyKeys().length);
        assertEquals(9007, f.anomalyKeys()[9]);
    }
}
