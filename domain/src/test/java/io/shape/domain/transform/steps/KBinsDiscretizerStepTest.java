package io.shape.domain.transform.steps;

import io.shape.domain.ShapeException;
import io.shape.domain.spec.InvalidSpecException;
import io.shape.domain.spec.StepSpec;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.WidthRange;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a spec's KBinsDiscretizer refuses (the fits themselves are the fixtures' job, in TransformerParityTest). */
class KBinsDiscretizerStepTest {
    private static KBinsDiscretizerStep step(Map<String, Object> params) {
        return KBinsDiscretizerStep.of(new StepSpec("bins", KBinsDiscretizerStep.CLASS, params));
    }

    @Test
    void kmeansAndAnOutputDtypeAreRefusedInASpec() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> step(Map.of("strategy", "kmeans")));
        assertTrue(e.getMessage().contains("'kmeans'") && e.getMessage().contains("pickled"), e.getMessage());
        e = assertThrows(InvalidSpecException.class, () -> step(Map.of("dtype", "float32")));
        assertTrue(e.getMessage().contains("dtype"), e.getMessage());
        e = assertThrows(InvalidSpecException.class, () -> step(Map.of("n_bins", 1L)));
        assertTrue(e.getMessage().contains("n_bins"), e.getMessage());
    }

    @Test
    void moreRowsThanTheSubsampleAreRefusedAndNullFitsOnEveryRow() {
        double[][] rows = new double[11][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = new double[] {r};
        }
        Map<String, Object> params = new HashMap<>(Map.of("subsample", 10L, "encode", "ordinal", "n_bins", 2L));
        ShapeException e = assertThrows(ShapeException.class, () -> Fitting.fitStep(step(params), 1, rows, 1));
        assertTrue(e.getMessage().contains("random subsample of 10 of the 11 rows"), e.getMessage());
        params.put("subsample", null);
        FittedTransform t = Fitting.fitStep(step(params), 1, rows, 1);
        double[] out = new double[1];
        t.apply(new double[] {5.0}, 0, out, 0); // the median, 5, opens the second bin (side='right')
        assertArrayEquals(new double[] {1.0}, out, 0.0);
    }

    @Test
    void oneHotWidthsRangeFromOneBinToNBinsPerColumn() {
        assertEquals(new WidthRange(3, 21), step(Map.of("n_bins", 7L)).outputWidths(WidthRange.exactly(3)));
        assertEquals(WidthRange.exactly(3), step(Map.of("encode", "ordinal")).outputWidths(WidthRange.exactly(3)));
    }
}
