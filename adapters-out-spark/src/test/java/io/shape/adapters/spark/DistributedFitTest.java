package io.shape.adapters.spark;

import io.shape.domain.testing.FormulaStep;
import io.shape.domain.testing.TwoPassScaler;
import io.shape.domain.testing.WeightedSumModel;
import io.shape.domain.data.DataFormat;
import io.shape.domain.port.ScoringJob;
import io.shape.domain.port.ScoringListener;
import io.shape.domain.port.ScoringResult;
import io.shape.domain.spec.PipelineSpec;
import io.shape.domain.spec.StepSpec;
import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.StatefulStep;
import io.shape.domain.transform.Step;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Multi-pass fitting on Spark against the same steps fitted sequentially on one thread. */
class DistributedFitTest {
    private static final int ROWS = 1000;

    @TempDir
    Path tmp;

    @Test
    void twoPassFitSeesRowsInOrderAndEqualsASequentialFit() {
        Path data = tmp.resolve("data");
        double[][] all = TestTables.values(0, ROWS);
        TestTables.parquet(data.resolve("0.parquet"), TestTables.values(0, 120));
        TestTables.parquet(data.resolve("1.parquet"), TestTables.values(120, 900));
        TestTables.parquet(data.resolve("2.parquet"), TestTables.values(900, ROWS));
        FormulaStep shift = FormulaStep.shift("shift", 0.5);
        TwoPassScaler scale = TwoPassScaler.merging("scale");
        WeightedSumModel model = WeightedSumModel.detector(new double[] {0.7, -1.3}, 0.1);
        List<String> fitted = new ArrayList<>();
        ScoringListener listener = new ScoringListener() {
            @Override
            public void stepFitted(String step, String sklearnClass, double seconds) {
                fitted.add(step + ":" + sklearnClass);
            }
        };

        ScoringResult result = new SparkEngine(SharedSpark.session()).score(TestTables.job(data, DataFormat.PARQUET,
                List.<Step>of(shift, scale), model, tmp.resolve("predictions"), DataFormat.PARQUET, Optional.empty(),
                Map.of("partitions", "5")), listener);

        // The same steps, one accumulator seeing every row in order.
        double[][] shifted = new double[ROWS][];
        FittedTransform sequentialShift = shift.bind(2);
        for (int r = 0; r < ROWS; r++) {
            shifted[r] = new double[2];
            sequentialShift.apply(all[r], 0, shifted[r], 0);
        }
        FittedState sequential = TestSteps.fitSequentially(scale, shifted).state();
        FittedState distributed = result.fitted().transforms().get(1).state();

        assertEquals(List.of("scale:TestStandardizer"), fitted);
        assertEquals((long) ROWS, distributed.attributes().get("rows_pass1"));
        assertEquals((long) ROWS, distributed.attributes().get("rows_pass2"));
        assertEquals(0L, distributed.attributes().get("rows_pass1_from"));
        assertEquals((long) ROWS - 1, distributed.attributes().get("rows_pass1_to"));
        assertEquals(sequential.attributes().get("order_hash_pass1"), distributed.attributes().get("order_hash_pass1"),
                "pass 1 merged in row order");
        assertEquals(sequential.attributes().get("order_hash_pass2"), distributed.attributes().get("order_hash_pass2"),
                "pass 2 merged in row order");
        assertClose((double[]) sequential.attributes().get("mean_"), (double[]) distributed.attributes().get("mean_"));
        assertClose((double[]) sequential.attributes().get("scale_"), (double[]) distributed.attributes().get("scale_"));
        assertEquals(0.5, result.fitted().transforms().get(0).state().attributes().get("shift"));
        assertEquals(Map.of("read", true, "fit:scale", true, "score", true),
                Map.of("read", result.phaseSeconds().containsKey("read"),
                        "fit:scale", result.phaseSeconds().containsKey("fit:scale"),
                        "score", result.phaseSeconds().containsKey("score")));

        // Scores: the distributed fit's pipeline gives what the sequential one gives.
        FittedTransform sequentialScale = TestSteps.fitSequentially(scale, shifted);
        List<Row> rows = TestTables.readParts(result.partFiles(), DataFormat.PARQUET);
        long positives = 0;
        for (int r = 0; r < ROWS; r++) {
            double[] z = new double[2];
            sequentialScale.apply(shifted[r], 0, z, 0);
            double decision = 0.1 + 0.7 * z[0] - 1.3 * z[1];
            assertEquals(decision, rows.get(r).getDouble(2), 1e-12, "decision of row " + r);
            assertEquals(decision > 0 ? 1L : -1L, rows.get(r).getLong(1), "label of row " + r);
            positives += decision > 0 ? 1 : 0;
        }
        assertArrayEquals(new long[] {ROWS - positives, positives}, result.labelCounts());
    }

    @Test
    void partitionAccumulatorsAreMergedInRowOrderWhateverOrderTheyArrive() {
        Accumulator template = TwoPassScaler.merging("s").startFit(1);
        List<PartitionAccumulator> parts = new ArrayList<>();
        parts.add(new PartitionAccumulator(-1, 0, template.emptyCopy())); // a partition without rows
        for (int p = 0; p < 5; p++) {
            Accumulator a = template.emptyCopy();
            for (int r = 0; r < 10; r++) {
                a.add(p * 10L + r, new double[] {p * 10.0 + r});
            }
            parts.add(new PartitionAccumulator(p * 10L, 10, a));
        }
        Collections.shuffle(parts, new java.util.Random(7));

        Accumulator merged = DistributedFit.mergeInRowOrder(parts);

        Accumulator sequential = template.emptyCopy();
        for (int r = 0; r < 50; r++) {
            sequential.add(r, new double[] {r});
        }
        assertEquals(stateOf(sequential), stateOf(merged));
    }

    @Test
    void treeDepthKeepsEveryMergeToThirtyTwoPartitions() {
        assertEquals(List.of(1, 1, 2, 2, 3, 3),
                java.util.stream.IntStream.of(1, 32, 33, 1024, 1025, 32768).mapToObj(DistributedFit::treeDepth).toList());
    }

    /**
     * 50 partitions (of 4096-row blocks): the QuantileTransformer's samples are merged on the executors, in a
     * tree (a job of more than one stage), and the quantiles are those of one sample over every row in order,
     * to the bit.
     */
    @Test
    void samplesOfManyPartitionsAreMergedInATreeAndGiveTheSequentialQuantiles() throws Exception {
        Path data = tmp.resolve("data.parquet");
        double[][] all = TestTables.values(0, 50 * FeatureBlock.MAX_ROWS);
        TestTables.parquet(data, all);
        StatefulStep quantiles = (StatefulStep) Pipeline.of(new PipelineSpec(List.of(new StepSpec("q",
                "QuantileTransformer", Map.of("output_distribution", "normal", "subsample", 500L, "n_quantiles", 100L))),
                "unused.pkl", Optional.of(TestTables.FEATURES))).steps().get(0);
        ScoringJob job = TestTables.job(data, DataFormat.PARQUET, List.<Step>of(quantiles),
                WeightedSumModel.detector(new double[] {1, -1}, 0), tmp.resolve("predictions"),
                DataFormat.PARQUET, Optional.empty(), Map.of("partitions", "50"));

        ScoringResult result = new SparkEngine(SharedSpark.session()).score(job, ScoringListener.NONE);

        Map<String, Object> expected = TestSteps.fitSequentially(quantiles, all).state().attributes();
        Map<String, Object> actual = result.fitted().transforms().get(0).state().attributes();
        assertTrue(java.util.Arrays.deepEquals((double[][]) expected.get("quantiles_"),
                (double[][]) actual.get("quantiles_")), "quantiles_");
        for (String counted : List.of("shape.n_samples_seen", "shape.n_samples_used", "n_quantiles_")) {
            assertEquals(expected.get(counted), actual.get(counted), counted);
        }
        // Every other job of the run (scan, scoring) is one stage: the sample pass is the tree.
        List<Integer> stages = stagesOfJobsOf("shape-" + job.runId().value());
        assertEquals(1, stages.stream().filter(n -> n > 1).count(), "one job merged in a tree: " + stages);
    }

    /** The stage count of each job Spark ran for a job group (its status store trails the jobs a little). */
    private static List<Integer> stagesOfJobsOf(String group) throws InterruptedException {
        org.apache.spark.SparkStatusTracker status = SharedSpark.session().sparkContext().statusTracker();
        List<Integer> stages = new ArrayList<>();
        for (int attempt = 0; attempt < 600 && stages.stream().noneMatch(n -> n > 1); attempt++) {
            stages.clear();
            for (int id : status.getJobIdsForGroup(group)) {
                scala.Option<org.apache.spark.SparkJobInfo> info = status.getJobInfo(id);
                if (info.isDefined()) {
                    stages.add(info.get().stageIds().length);
                }
            }
            Thread.sleep(50);
        }
        return stages;
    }

    private static Map<String, Object> stateOf(Accumulator pass) {
        Accumulator second = ((io.shape.domain.transform.FitProgress.NextPass) pass.complete()).accumulator();
        return Map.of("hash", TestSteps.fitSequentiallyFrom(second).attributes().get("order_hash_pass1"),
                "rows", TestSteps.fitSequentiallyFrom(second).attributes().get("rows_pass1"));
    }

    private static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * Math.max(1, Math.abs(expected[i])), "column " + i);
        }
    }
}
