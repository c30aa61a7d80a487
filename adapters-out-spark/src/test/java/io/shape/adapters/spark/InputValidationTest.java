package io.shape.adapters.spark;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.data.DataFormat;
import io.shape.domain.port.ScoringJob;
import io.shape.domain.port.ScoringListener;
import io.shape.domain.port.ScoringResult;
import io.shape.domain.transform.Step;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input fails with INVALID_INPUT, a message naming what is wrong, and no predictions. */
class InputValidationTest {
    private static final TestModels.Linear MODEL = TestModels.Linear.outlierDetector(new double[] {1, 1}, 0);

    @TempDir
    Path tmp;

    @Test
    void missingColumnsAreNamed() {
        Path data = TestTables.parquet(tmp.resolve("d.parquet"), TestTables.doubles(List.of("x", "z")),
                TestTables.rows(TestTables.values(0, 5)), Map.of());
        assertInvalid(job(data, List.of()), "no column 'y'", "its columns: x, z");
    }

    @Test
    void nonNumericParquetColumnIsNamed() {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("x", DataTypes.DoubleType, true),
                DataTypes.createStructField("y", DataTypes.StringType, true)));
        Path data = TestTables.parquet(tmp.resolve("d.parquet"), schema, List.of(RowFactory.create(1.0, "a")), Map.of());
        assertInvalid(job(data, List.of()), "column 'y'", "not numeric (string)");
    }

    @Test
    void integerColumnsAreNumbers() {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("x", DataTypes.IntegerType, true),
                DataTypes.createStructField("y", DataTypes.LongType, true)));
        Path data = TestTables.parquet(tmp.resolve("d.parquet"), schema, List.of(RowFactory.create(3, 4L)), Map.of());
        ScoringResult result = new SparkEngine(SharedSpark.session()).score(job(data, List.of()), ScoringListener.NONE);
        assertEquals(7.0, TestTables.readParts(result.partFiles(), DataFormat.PARQUET).get(0).getDouble(2));
    }

    @Test
    void nonNumericCsvCellsAreCountedAndShown() {
        Path data = TestTables.csv(tmp.resolve("d.csv"), List.of("x", "y"),
                List.of(List.of("1", "2"), List.of("3", "abc"), List.of("5", "6")));
        assertInvalid(csvJob(data, List.of()), "column 'y'", "1 value(s) are not numbers", "'abc'");
    }

    @Test
    void zeroRowsAreRefused() {
        Path data = TestTables.parquet(tmp.resolve("d.parquet"), TestTables.doubles(TestTables.FEATURES), List.of(),
                Map.of());
        assertInvalid(job(data, List.of()), "no data to score");
    }

    @Test
    void nanIsRefusedNamingColumnAndCountUnlessAStepImputesIt() {
        double[][] values = TestTables.values(0, 50);
        values[3][1] = Double.NaN;
        values[17][1] = Double.NaN;
        values[40][1] = Double.NaN;
        Path data = TestTables.parquet(tmp.resolve("d.parquet"), values);
        assertInvalid(job(data, List.of()), "column 'y'", "3 missing value(s) (NaN)", "SimpleImputer");

        ScoringResult result = new SparkEngine(SharedSpark.session())
                .score(job(data, List.<Step>of(new TestSteps.ZeroImputer("impute"))), ScoringListener.NONE);
        assertEquals(3.0, TestTables.readParts(result.partFiles(), DataFormat.PARQUET).get(3).getDouble(2));
    }

    @Test
    void csvMissingCellsAreNaNAsPandasReadsThem() {
        Path data = TestTables.csv(tmp.resolve("d.csv"), List.of("x", "y"),
                List.of(List.of("1", ""), List.of("2", "NA"), List.of(" 3 ", "nan"), List.of("4", "5")));
        assertInvalid(csvJob(data, List.of()), "column 'y'", "3 missing value(s)");

        ScoringResult result = new SparkEngine(SharedSpark.session())
                .score(csvJob(data, List.<Step>of(new TestSteps.ZeroImputer("impute"))), ScoringListener.NONE);
        List<Row> rows = TestTables.readParts(result.partFiles(), DataFormat.PARQUET);
        assertEquals(List.of(1.0, 2.0, 3.0, 9.0), rows.stream().map(r -> r.getDouble(2)).toList());
    }

    @Test
    void infinityIsRefused() {
        double[][] values = TestTables.values(0, 10);
        values[2][0] = Double.POSITIVE_INFINITY;
        Path data = TestTables.parquet(tmp.resolve("d.parquet"), values);
        assertInvalid(job(data, List.of()), "column 'x'", "1 infinite value(s)");
    }

    @Test
    void modelFeatureCountMismatchIsExplained() {
        Path data = TestTables.parquet(tmp.resolve("d.parquet"), TestTables.values(0, 10));
        ScoringJob job = TestTables.job(data, List.<Step>of(new TestSteps.Shift("shift", 1)),
                TestModels.Linear.outlierDetector(new double[] {1, 1, 1}, 0), tmp.resolve("predictions"));
        assertInvalid(job, "expects 3 features but the pipeline gives 2", "shift (2)");
    }

    @Test
    void aMissingDatasetIsInvalidInput() {
        assertInvalid(job(tmp.resolve("nowhere.parquet"), List.of()), "data not found", "nowhere.parquet");
    }

    private ScoringJob job(Path data, List<Step> steps) {
        return TestTables.job(data, steps, MODEL, tmp.resolve("predictions"));
    }

    private ScoringJob csvJob(Path data, List<Step> steps) {
        return TestTables.job(data, DataFormat.CSV, steps, MODEL, tmp.resolve("predictions"), DataFormat.PARQUET,
                Optional.empty(), Map.of());
    }

    private void assertInvalid(ScoringJob job, String... fragments) {
        ShapeException failure = assertThrows(ShapeException.class,
                () -> new SparkEngine(SharedSpark.session()).score(job, ScoringListener.NONE));
        assertEquals(ErrorKind.INVALID_INPUT, failure.kind(), failure.getMessage());
        for (String fragment : fragments) {
            assertTrue(failure.getMessage().contains(fragment), "'" + fragment + "' not in: " + failure.getMessage());
        }
        assertFalse(Files.exists(tmp.resolve("predictions/_SUCCESS")));
    }
}
