package io.shape.domain.report;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecisionHistogramTest {
    @Test
    void zeroIsABinEdgeAndEveryValueIsCountedOnce() {
        double[] values = {-1.22, -0.5, -0.009, -5e-5, 0.0, 0.004, 0.01, 0.3, 0.77};
        DecisionHistogram.Builder b = new DecisionHistogram.Builder(-1.22, 0.77, 60);
        for (double v : values) {
            b.add(v);
        }
        b.add(Double.NaN);
        DecisionHistogram h = b.finish();
        assertTrue(Arrays.stream(h.edges()).anyMatch(e -> e == 0.0), Arrays.toString(h.edges()));
        assertEquals(values.length, Arrays.stream(h.counts()).sum());
        assertEquals(5, h.nearBoundary(), "-0.009, -5e-5, 0, 0.004, 0.01");
        assertEquals(1, h.missing());
        assertTrue(h.edges()[0] <= -1.22 && h.edges()[h.edges().length - 1] >= 0.77);
        int zeroBin = Arrays.binarySearch(h.edges(), 0.0);
        assertEquals(2, h.counts()[zeroBin - 1], "below 0, one bin (width 0.033): -0.009 and -5e-5");
        assertEquals(3, h.counts()[zeroBin], "from 0 up: 0, 0.004 and 0.01 — no bin mixes the two sides");
    }
}
