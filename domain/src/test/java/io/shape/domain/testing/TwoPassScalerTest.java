package io.shape.domain.testing;

import io.shape.domain.transform.Accumulator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The engines' tests lean on this double to catch rows and merges out of order: it must throw when they come so
 * (the engines never feed them so, which is why only this test sees the throw).
 */
class TwoPassScalerTest {
    @Test
    void rowsOutOfOrderAreCaught() {
        Accumulator pass = TwoPassScaler.merging("s").startFit(1);
        pass.add(0, new double[] {1});
        pass.add(1, new double[] {2});
        assertThrows(IllegalStateException.class, () -> pass.add(1, new double[] {3}));
    }

    @Test
    void mergesOutOfOrderAreCaught() {
        Accumulator first = TwoPassScaler.merging("s").startFit(1);
        Accumulator later = first.emptyCopy();
        Accumulator gap = first.emptyCopy();
        first.add(0, new double[] {1});
        later.add(1, new double[] {2});
        gap.add(5, new double[] {3});
        assertDoesNotThrow(() -> first.merge(later));
        assertThrows(IllegalStateException.class, () -> first.merge(gap));
    }

    @Test
    void theRecordingDoubleRefusesMerges() {
        Accumulator pass = TwoPassScaler.recording("s").startFit(1);
        assertThrows(AssertionError.class, () -> pass.merge(pass.emptyCopy()));
    }
}
