package io.shape.adapters.spark;

import io.shape.domain.testing.FormulaStep;
import io.shape.domain.testing.WeightedSumModel;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input fails with INVALID_INPUT, a message naming what is wrong, and no predictions. */
class InputValidationTest {
    private static final WeightedSumModel MODEL = WeightedSumModel.detector(new double[] {1, 1}, 0);

    @TempDir
    Path tmp;

    @Test
    void missingColumnsAreNamed() {
        Path data = TestTables.parquet(tmp.resolve("d.parquet"), TestTables.doubles(List.of("x", "z")),
                TestTables.rows(TestTables.values(0, 5)), Map.of());
        assertInvalid(job(data, List.of()), "feature column 'y' not in", "its columns are: x, z");
    }

    @Test
    void nonNumericParquetColumnIsNamed() {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("x", DataTypes.DoubleType, true),
                DataTypes.createStructField("y", DataTypes.StringType, true)));
        Path data = TestTables.parquet(tmp.resolve("d.parquet"), schema, List.of(RowFactory.create(1.0, "a")), Map.of());
        assertInvalid(job(data, List.of()), "column 'y'", "holds text (string) but the pipeline reads it as numbers");
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
        assertInvalid(csvJob(data, List.of()), "column 'y'", "has text at row 1", "'abc'");
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
        assertInvalid(job(data, List.of()), "column 'y'", "3 missing value(s)", "the first at row 3", "SimpleImputer");

        ScoringResult result = new SparkEngine(SharedSpark.session())
                .score(job(data, List.<Step>of(FormulaStep.zeroImputer("impute"))), ScoringListener.NONE);
        assertEquals(3.0, TestTables.readParts(result.partFiles(), DataFormat.PARQUET).get(3).getDouble(2));
    }

    @Test
    void csvMissingCellsAreNaNAsPandasReadsThem() {
        Path data = TestTables.csv(tmp.resolve("d.csv"), List.of("x", "y"),
                List.of(List.of("1", ""), List.of("2", "NA"), List.of(" 3 ", "nan"), List.of("4", "5")));
        assertInvalid(csvJob(data, List.of()), "column 'y'", "3 missing value(s)");

        ScoringResult result = new SparkEngine(SharedSpark.session())
                .score(csvJob(data, List.<Step>of(FormulaStep.zeroImputer("impute"))), ScoringListener.NONE);
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
    void unsignedIntegersAreReadAsTheirUnsignedValues() {
        long justAboveHalf = Long.MIN_VALUE + 1025; // 2^63 + 1025: numpy rounds it to 2^63 + 2048
        Path wide = TestTables.parquetOfSchema(tmp.resolve("u32.parquet"),
                "message m { required int32 x (UINT_32); optional int64 y (UINT_64); }",
                List.of(new Object[] {(int) 3_000_000_000L, 0L}, new Object[] {0, -1L},
                        new Object[] {0, justAboveHalf}, new Object[] {(int) 4_294_967_295L, 0L}));
        assertEquals(List.of(3e9, 18446744073709551616.0, 9223372036854777856.0, 4294967295.0), decisions(wide));
        Path narrow = TestTables.parquetOfSchema(tmp.resolve("u8.parquet"),
                "message m { required int32 x (UINT_8); required int32 y (UINT_16); }",
                List.<Object[]>of(new Object[] {255, 65535}));
        assertEquals(List.of(65790.0), decisions(narrow));
    }

    @Test
    void infiniteAndOverflowingCsvValuesAreRefusedNamingColumnAndRow() {
        for (String cell : List.of("Infinity", "-inf", "1e999")) {
            Path data = TestTables.csv(tmp.resolve(cell + ".csv"), List.of("x", "y"),
                    List.of(List.of("1", "2"), List.of("3", "4"), List.of("5", cell), List.of("6", "7")));
            assertInvalid(csvJob(data, List.of()), "column 'y'", "1 infinite value(s)", "row 2");
        }
    }

    @Test
    void javaNumberSyntaxIsNotANumber() {
        for (String cell : List.of("1.5f", "1.5d", "0x1.8p1", "0x10", "1__0", "--1")) {
            Path data = TestTables.csv(tmp.resolve("j" + cell.hashCode() + ".csv"), List.of("x", "y"),
                    List.of(List.of("1", "2"), List.of("3", cell)));
            assertInvalid(csvJob(data, List.of()), "column 'y'", "row 1", "'" + cell + "'", "not a number");
        }
    }

    @Test
    void csvCellsReadAsPandasAndScikitLearnReadThem() {
        List<String> cells = List.of("1e5", "+1.5", ".5", "5.", " 1.5 ", "1_000", "1e1_0", "NA", "", "NAN", " nan ",
                "\u00a02.5", "\u0661\u0662");
        List<List<String>> rows = cells.stream().map(c -> List.of("0", "\"" + c + "\"")).toList();
        Path data = TestTables.csv(tmp.resolve("d.csv"), List.of("x", "y"), rows);
        ScoringResult result = new SparkEngine(SharedSpark.session())
                .score(csvJob(data, List.<Step>of(FormulaStep.zeroImputer("impute"))), ScoringListener.NONE);
        assertEquals(List.of(1e5, 1.5, 0.5, 5.0, 1.5, 1000.0, 1e10, 0.0, 0.0, 0.0, 0.0, 2.5, 12.0),
                TestTables.readParts(result.partFiles(), DataFormat.PARQUET).stream().map(r -> r.getDouble(2)).toList());
    }

    @Test
    void duplicateParquetColumnsAreRefused() {
        Path data = TestTables.parquetOfSchema(tmp.resolve("d.parquet"),
                "message m { required double x; required double y; required double x; }",
                List.<Object[]>of(new Object[] {1.0, 2.0, 3.0}));
        assertInvalid(job(data, List.of()), "'x'", "twice");
    }

    @Test
    void dateAndTimeColumnsAreNotNumbers() {
        for (String type : List.of("int64 y (TIMESTAMP(MILLIS,true))", "int32 y (DATE)")) {
            Path data = TestTables.parquetOfSchema(tmp.resolve("t" + type.hashCode() + ".parquet"),
                    "message m { required double x; required " + type + "; }",
                    List.<Object[]>of(new Object[] {1.0, type.startsWith("int64") ? (Object) 5L : (Object) 5}));
            String logical = type.substring(type.indexOf('(') + 1, type.indexOf('(') + 4).toLowerCase(Locale.ROOT);
            assertInvalid(job(data, List.of()), "column 'y'", "dates or times (" + logical);
        }
        // Spark 4.0 cannot read parquet's TIME type at all, in any column: its reader refuses the file, and
        // the message names the type, not the column
        Path time = TestTables.parquetOfSchema(tmp.resolve("time.parquet"),
                "message m { required double x; required int64 y (TIME(MICROS,true)); }",
                List.<Object[]>of(new Object[] {1.0, 5L}));
        assertInvalid(job(time, List.of()), "cannot read the dataset", "TIME(MICROS,true)");
    }

    private List<Double> decisions(Path data) {
        ScoringJob job = TestTables.job(data, List.of(), MODEL, tmp.resolve("predictions-" + data.getFileName()));
        ScoringResult result = new SparkEngine(SharedSpark.session()).score(job, ScoringListener.NONE);
        return TestTables.readParts(result.partFiles(), DataFormat.PARQUET).stream().map(r -> r.getDouble(2)).toList();
    }

    @Test
    void modelFeatureCountMismatchIsExplained() {
        Path data = TestTables.parquet(tmp.resolve("d.parquet"), TestTables.values(0, 10));
        ScoringJob job = TestTables.job(data, List.<Step>of(FormulaStep.shift("shift", 1)),
                WeightedSumModel.detector(new double[] {1, 1, 1}, 0), tmp.resolve("predictions"));
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
