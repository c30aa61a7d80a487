package io.shape.domain.transform.steps;

import io.shape.domain.spec.PipelineSpec;
import io.shape.domain.spec.StepSpec;
import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FitProgress;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.StatefulStep;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.LongPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feeding QuantileTransformer only the rows its sample can hold fits exactly what feeding every row fits, and
 * so does merging partitions' samples in any order.
 */
class RowSampleFilterTest {
    @Test
    void theRowsItNamesFitTheSameQuantilesAsEveryRow() {
        int rows = 5000;
        StatefulStep step = quantileStep(300);
        double[][] data = rowsWithTies(rows, new Random(11));
        Accumulator all = step.startFit(2);
        for (int r = 0; r < rows; r++) {
            all.add(r, data[r]);
        }
        Accumulator some = step.startFit(2);
        LongPredicate used = some.rowsUsed(rows);
        assertNotNull(used);
        int kept = 0;
        for (int r = 0; r < rows; r++) {
            if (used.test(r)) {
                some.add(r, data[r]);
                kept++;
            }
        }
        some.addSkipped(rows - kept);
        assertEquals(300, kept, "exactly the sample's rows");
        FittedTransform a = ((FitProgress.Fitted) all.complete()).transform();
        FittedTransform b = ((FitProgress.Fitted) some.complete()).transform();
        assertEquals(a.state().attributes().keySet(), b.state().attributes().keySet());
        double[][] qa = (double[][]) a.state().attributes().get("quantiles_");
        double[][] qb = (double[][]) b.state().attributes().get("quantiles_");
        assertTrue(java.util.Arrays.deepEquals(qa, qb));
        assertEquals(a.state().attributes().get("shape.n_samples_seen"), b.state().attributes().get("shape.n_samples_seen"));
    }

    @Test
    void everyRowCountsWhenTheSampleHoldsThemAll() {
        assertNull(quantileStep(300).startFit(2).rowsUsed(300));
        assertNull(quantileStep(300).startFit(2).rowsUsed(10));
    }

    /**
     * What lets an engine merge samples in a tree: partitions merged in any order and grouping give, to the
     * bit, the fit of one sample over every row in order. (Sums do not say so: grouping changes their bits.)
     */
    @Test
    void samplesMergedInAnyOrderAndGroupingFitWhatOneSampleFits() {
        int rows = 6000;
        StatefulStep step = quantileStep(300);
        Random random = new Random(5);
        double[][] data = rowsWithTies(rows, random);
        Accumulator all = step.startFit(2);
        for (int r = 0; r < rows; r++) {
            all.add(r, data[r]);
        }
        assertTrue(all.mergesInAnyOrder());
        assertFalse(StandardScalerStep.of(new StepSpec("s", "StandardScaler", Map.of())).startFit(2).mergesInAnyOrder());
        Map<String, Object> expected = ((FitProgress.Fitted) all.complete()).transform().state().attributes();

        for (int trial = 0; trial < 5; trial++) {
            // 40 partitions of 150 rows, merged two at a time, both picked at random, until one is left
            List<Accumulator> parts = new java.util.ArrayList<>();
            for (int p = 0; p < 40; p++) {
                Accumulator part = all.emptyCopy();
                for (int r = p * 150; r < (p + 1) * 150; r++) {
                    part.add(r, data[r]);
                }
                parts.add(part);
            }
            while (parts.size() > 1) {
                Accumulator a = parts.remove(random.nextInt(parts.size()));
                Accumulator b = parts.remove(random.nextInt(parts.size()));
                a.merge(b);
                parts.add(a);
            }
            Map<String, Object> merged = ((FitProgress.Fitted) parts.get(0).complete()).transform().state()
                    .attributes();
            assertTrue(java.util.Arrays.deepEquals((double[][]) expected.get("quantiles_"),
                    (double[][]) merged.get("quantiles_")), "trial " + trial);
            for (String counted : List.of("shape.n_samples_seen", "shape.n_samples_used")) {
                assertEquals(expected.get(counted), merged.get(counted), counted + ", trial " + trial);
            }
        }
    }

    /** Two columns: a Gaussian one, and one of 40 values (ties). */
    private static double[][] rowsWithTies(int rows, Random random) {
        double[][] data = new double[rows][2];
        for (double[] row : data) {
            row[0] = random.nextGaussian();
            row[1] = random.nextInt(40);
        }
        return data;
    }

    private static StatefulStep quantileStep(long subsample) {
        PipelineSpec spec = new PipelineSpec(List.of(new StepSpec("q", "QuantileTransformer",
                Map.of("n_quantiles", 100L, "subsample", subsample))), "m.pkl", Optional.of(List.of("a", "b")));
        return (StatefulStep) Pipeline.of(spec).steps().get(0);
    }
}
