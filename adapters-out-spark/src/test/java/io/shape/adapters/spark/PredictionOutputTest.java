package io.shape.adapters.spark;

import io.shape.domain.testing.FormulaStep;
import io.shape.domain.testing.GatedModel;
import io.shape.domain.testing.WeightedSumModel;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.data.DataFormat;
import io.shape.domain.port.ScoringListener;
import io.shape.domain.port.ScoringResult;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.Step;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What lands in the predictions folder, on success and on failure. */
class PredictionOutputTest {
    private static final int ROWS = 500;

    @TempDir
    Path tmp;
    private Path data;

    @BeforeEach
    void writeData() {
        data = tmp.resolve("data");
        TestTables.parquet(data.resolve("a.parquet"), TestTables.values(0, 200));
        TestTables.parquet(data.resolve("b.parquet"), TestTables.values(200, ROWS));
    }

    @Test
    void integerLabelsAreWrittenAsInt64WithCountsEqualToTheWrittenLabels() {
        Path out = tmp.resolve("predictions");
        AtomicLong progress = new AtomicLong();
        ScoringResult result = new SparkEngine(SharedSpark.session()).score(TestTables.job(data,
                List.<Step>of(FormulaStep.shift("shift", -250)), WeightedSumModel.detector(
                        new double[] {1, 0}, 0), out), new ScoringListener() {
                    @Override
                    public void progress(long rowsDone, long totalRows) {
                        assertEquals(ROWS, totalRows);
                        progress.set(rowsDone);
                    }
                });

        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        assertEquals(ROWS, progress.get(), "the last progress report counts every row");
        StructType schema = SharedSpark.session().read().parquet(out.toString()).schema();
        assertEquals(DataTypes.LongType, schema.apply("row").dataType());
        assertEquals(DataTypes.LongType, schema.apply("prediction").dataType());
        assertEquals(DataTypes.DoubleType, schema.apply("decision_function").dataType());
        List<Row> rows = TestTables.readParts(result.partFiles(), DataFormat.PARQUET);
        long positives = rows.stream().filter(r -> r.getLong(1) == 1L).count();
        // x − 250 > 0 for x = 251..499
        assertEquals(249, positives);
        assertArrayEquals(new long[] {ROWS - positives, positives}, result.labelCounts());
        assertEquals(ROWS, result.rows());
        for (int i = 0; i < ROWS; i++) {
            assertEquals(i, rows.get(i).getLong(0));
            assertEquals(i - 250.0, rows.get(i).getDouble(2));
        }
    }

    @Test
    void stringLabelsAreWrittenAsStrings() {
        Path out = tmp.resolve("predictions");
        WeightedSumModel model = WeightedSumModel.classifier(new double[] {1, 0}, -99.5,
                List.of("normal", "late"));
        ScoringResult result = new SparkEngine(SharedSpark.session()).score(TestTables.job(data, List.of(), model,
                out), ScoringListener.NONE);

        List<Row> rows = TestTables.readParts(result.partFiles(), DataFormat.PARQUET);
        assertEquals(DataTypes.StringType, SharedSpark.session().read().parquet(out.toString()).schema()
                .apply("prediction").dataType());
        assertEquals("normal", rows.get(99).getString(1));
        assertEquals("late", rows.get(100).getString(1));
        assertArrayEquals(new long[] {100, ROWS - 100}, result.labelCounts());
    }

    @Test
    void regressorsWriteDoublePredictionsAndNoLabelCounts() {
        Path out = tmp.resolve("predictions");
        WeightedSumModel model = WeightedSumModel.regressor(new double[] {2, 0}, 1);
        ScoringResult result = new SparkEngine(SharedSpark.session()).score(TestTables.job(data, List.of(), model,
                out), ScoringListener.NONE);

        List<Row> rows = TestTables.readParts(result.partFiles(), DataFormat.PARQUET);
        assertEquals(DataTypes.DoubleType, SharedSpark.session().read().parquet(out.toString()).schema()
                .apply("prediction").dataType());
        assertEquals(2 * 321 + 1.0, rows.get(321).getDouble(1));
        assertEquals(0, result.labelCounts().length);
    }

    @Test
    void aTaskFailingMidJobLeavesNoSuccessAndNoPartFile() throws IOException {
        Path out = tmp.resolve("predictions");
        // Fails on the row whose first value is 400: a task failing in the middle of the write.
        GatedModel model = new GatedModel(WeightedSumModel.detector(new double[] {1, 0}, 0), (x, rows, width) -> {
            for (int r = 0; r < rows; r++) {
                if (x[r * width] == 400) {
                    throw new IllegalStateException("poisoned row reached the model");
                }
            }
        });

        ShapeException failure = assertThrows(ShapeException.class, () -> new SparkEngine(SharedSpark.session())
                .score(TestTables.job(data, List.of(), model, out), ScoringListener.NONE));

        assertEquals(ErrorKind.INTERNAL, failure.kind());
        assertTrue(failure.getMessage().contains("poisoned row"), failure.getMessage());
        assertFalse(Files.exists(out.resolve("_SUCCESS")));
        if (Files.exists(out)) {
            try (Stream<Path> files = Files.list(out)) {
                assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith("part-")).toList());
            }
        }
    }

    @Test
    void anExistingPredictionsFolderIsRefused() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("predictions"));
        ShapeException failure = assertThrows(ShapeException.class, () -> new SparkEngine(SharedSpark.session())
                .score(TestTables.job(data, List.of(), WeightedSumModel.detector(new double[] {1, 0}, 0), out),
                        ScoringListener.NONE));
        assertEquals(ErrorKind.INVALID_INPUT, failure.kind());
        assertTrue(failure.getMessage().contains("must not exist"), failure.getMessage());
    }

    @Test
    void frozenStateIsUsedWithoutFitting() {
        Path out = tmp.resolve("predictions");
        FittedPipeline frozen = new FittedPipeline(TestTables.FEATURES,
                List.of(FormulaStep.shift("frozen", -100).bind(2)));
        ScoringResult result = new SparkEngine(SharedSpark.session()).score(TestTables.job(data, DataFormat.PARQUET,
                List.<Step>of(new TestSteps.NeverFit("scale")), WeightedSumModel.detector(new double[] {1, 0}, 0),
                out, DataFormat.PARQUET, Optional.of(frozen), Map.of()), ScoringListener.NONE);

        assertSame(frozen, result.fitted());
        List<Row> rows = TestTables.readParts(result.partFiles(), DataFormat.PARQUET);
        assertEquals(-100.0, rows.get(0).getDouble(2));
        assertEquals(399.0, rows.get(ROWS - 1).getDouble(2));
        assertFalse(result.phaseSeconds().keySet().stream().anyMatch(k -> k.startsWith("fit:")));
    }

    @Test
    void frozenStateForOtherFeaturesIsRefused() {
        FittedPipeline frozen = new FittedPipeline(List.of("y", "x"),
                List.of(FormulaStep.shift("frozen", -100).bind(2)));
        ShapeException failure = assertThrows(ShapeException.class, () -> new SparkEngine(SharedSpark.session())
                .score(TestTables.job(data, DataFormat.PARQUET, List.of(), WeightedSumModel.detector(
                        new double[] {1, 0}, 0), tmp.resolve("predictions"), DataFormat.PARQUET, Optional.of(frozen),
                        Map.of()), ScoringListener.NONE));
        assertEquals(ErrorKind.INVALID_INPUT, failure.kind());
        assertTrue(failure.getMessage().contains("[y, x]"), failure.getMessage());
    }
}
