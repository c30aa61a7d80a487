package io.shape.adapters.local;

import io.shape.domain.testing.FormulaStep;
import io.shape.domain.testing.TwoPassScaler;
import io.shape.domain.testing.WeightedSumModel;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.data.DataFormat;
import io.shape.domain.model.Model;
import io.shape.domain.port.ScoringListener;
import io.shape.domain.transform.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.shape.adapters.local.EngineFixture.job;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each way the input can be wrong gives INVALID_INPUT with one clear line, and nothing is written. */
class InputValidationTest {
    private static final List<String> FEATURES = List.of("a", "b");

    @TempDir
    Path dir;

    private String failure(Path data, List<Step> steps, Model model) {
        ShapeException e = assertThrows(ShapeException.class, () -> new LocalEngine().score(
                job(data, FEATURES, steps, model, dir.resolve("out"), DataFormat.PARQUET, Map.of()),
                ScoringListener.NONE));
        assertEquals(ErrorKind.INVALID_INPUT, e.kind(), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
        return e.getMessage();
    }

    private String failure(Path data) {
        return failure(data, List.of(), WeightedSumModel.detector(new double[] {1, 1}, 0));
    }

    @Test
    void missingFile() {
        assertTrue(failure(dir.resolve("nope.parquet")).startsWith("data not found: " + dir.resolve("nope.parquet")));
    }

    @Test
    void emptyFolder() throws IOException {
        Files.createDirectory(dir.resolve("empty"));
        Files.writeString(dir.resolve("empty/_SUCCESS"), "");
        assertTrue(failure(dir.resolve("empty")).startsWith("no data to score: the folder "));
    }

    @Test
    void missingColumnIsNamedWithTheColumnsPresent() throws IOException {
        TestTables.writeParquet(dir.resolve("t.parquet"), "message m { required double a; required double x; }",
                List.<Object[]>of(new Object[] {1.0, 2.0}));
        String message = failure(dir.resolve("t.parquet"));
        assertTrue(message.startsWith("feature column 'b' not in " + dir.resolve("t.parquet") + "; its columns are: a, x. "),
                message);
    }

    @Test
    void missingCsvColumnIsNamedWithTheColumnsPresent() throws IOException {
        Files.writeString(dir.resolve("t.csv"), "a,c\n1,2\n");
        assertEquals("feature column 'b' not in " + dir.resolve("t.csv") + "; its columns are: a, c. Score a table that has "
                + "the columns the model was fitted on or the spec's \"features\" names (--features names others)",
                failure(dir.resolve("t.csv")));
    }

    @Test
    void nonNumericColumnIsNamedWithItsType() throws IOException {
        TestTables.writeParquet(dir.resolve("t.parquet"),
                "message m { required double a; required binary b (STRING); }",
                List.<Object[]>of(new Object[] {1.0, "x"}));
        String message = failure(dir.resolve("t.parquet"));
        assertTrue(message.startsWith("feature column 'b' of " + dir.resolve("t.parquet") + " holds text (BINARY (STRING))"
                + " but the pipeline reads it as numbers"), message);
    }

    @Test
    void nonNumericCsvValueIsNamedWithItsRow() throws IOException {
        Files.writeString(dir.resolve("t.csv"), "a,b\n1,2\n3,abc\n");
        assertEquals("feature column 'b' of " + dir.resolve("t.csv") + " has text at row 1 (rows count from 0): 'abc'"
                + " is not a number for pandas and scikit-learn; write plain decimal numbers (1.5, -2e3, inf, nan), or"
                + " leave the cell empty for a missing value", failure(dir.resolve("t.csv")));
    }

    @Test
    void zeroParquetRows() throws IOException {
        TestTables.writeParquet(dir.resolve("t.parquet"), "message m { required double a; required double b; }",
                List.of());
        assertEquals("no data to score: " + dir.resolve("t.parquet") + " has no rows", failure(dir.resolve("t.parquet")));
    }

    @Test
    void zeroCsvRows() throws IOException {
        Files.writeString(dir.resolve("t.csv"), "a,b\n");
        assertEquals("no data to score: " + dir.resolve("t.csv") + " has no rows",
                failure(dir.resolve("t.csv"), List.of(TwoPassScaler.recording("s")),
                        WeightedSumModel.detector(new double[] {1, 1}, 0)));
    }

    @Test
    void missingValuesAreCountedPerColumnWithTheRemedy() throws IOException {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(new Object[] {(double) i, i < 2 ? null : i == 5 ? Double.NaN : (double) i});
        }
        TestTables.writeParquet(dir.resolve("t.parquet"), "message m { required double a; optional double b; }", rows);
        String message = failure(dir.resolve("t.parquet"), List.of(TwoPassScaler.recording("s")),
                WeightedSumModel.detector(new double[] {1, 1}, 0));
        assertEquals("feature column 'b' of " + dir.resolve("t.parquet") + " has 3 missing value(s) (null, empty, NA"
                + " or NaN), the first at row 0 (rows count from 0); add a SimpleImputer step to the pipeline, or remove"
                + " those rows", message);
    }

    @Test
    void missingValuesFoundWhileScoringWithoutFitting() throws IOException {
        Files.writeString(dir.resolve("t.csv"), "a,b\n1,2\nnan,3\n,4\nNaN,5\n");
        String message = failure(dir.resolve("t.csv"));
        assertTrue(message.startsWith("feature column 'a' of " + dir.resolve("t.csv")
                + " has 3 missing value(s) (null, empty, NA or NaN), the first at row 1 "), message);
    }

    @Test
    void modelWidthMustMatchThePipeline() throws IOException {
        TestTables.writeDoubles(dir.resolve("t.parquet"), FEATURES, TestTables.randomRows(10, 2, 1));
        String message = failure(dir.resolve("t.parquet"), List.of(FormulaStep.squares(), TwoPassScaler.recording("s")),
                WeightedSumModel.detector(new double[5], 0));
        assertEquals("the WeightedSumModel model expects 5 features but the pipeline gives 4 columns (features 2 -> "
                + "squares (4) -> s (4)); the spec's steps must match the ones the model was trained after", message);
    }

    @Test
    void existingPredictionsFolderIsRefusedBeforeAnyWork() throws IOException {
        TestTables.writeDoubles(dir.resolve("t.parquet"), FEATURES, TestTables.randomRows(10, 2, 1));
        Files.createDirectory(dir.resolve("out"));
        TwoPassScaler step = TwoPassScaler.recording("s");
        ShapeException e = assertThrows(ShapeException.class, () -> new LocalEngine().score(job(dir.resolve("t.parquet"),
                FEATURES, List.of(step), WeightedSumModel.detector(new double[2], 0), dir.resolve("out"), DataFormat.PARQUET,
                Map.of()), ScoringListener.NONE));
        assertEquals(ErrorKind.INVALID_INPUT, e.kind());
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertTrue(step.passes.isEmpty());
    }

    @Test
    void integerAndFloatColumnsAreReadAsDoublesAndNullsAsNaN() throws IOException {
        TestTables.writeParquet(dir.resolve("t.parquet"),
                "message m { optional int32 i; required int64 l; required float f; optional double d; }",
                List.of(new Object[] {7, 1L << 53, 0.1f, null}, new Object[] {null, -3L, -2.5f, 1e300}));
        List<String> features = List.of("i", "l", "f", "d");
        ParquetTable table = new ParquetTable("t", List.of(dir.resolve("t.parquet")), features);
        assertEquals(2, table.knownRows());
        double[] values = new double[8];
        try (RowReader reader = table.newReader()) {
            assertEquals(2, reader.read(values, 10));
            assertEquals(0, reader.read(values, 10));
        }
        assertArrayEquals(new double[] {7, 9007199254740992.0, (double) 0.1f, Double.NaN,
                Double.NaN, -3, -2.5, 1e300}, values, 0.0);
    }

    @Test
    void csvNumbersAreCorrectlyRounded() throws IOException {
        String[] texts = {"0.1", "-0", "1e-320", "  2.5 ", "\"3.25\"", "1.7976931348623157E308", "Infinity", "NAN", ""};
        StringBuilder csv = new StringBuilder("x,skip,y\n");
        for (String t : texts) {
            csv.append(t).append(",zzz,").append(t).append('\n');
        }
        Files.writeString(dir.resolve("t.csv"), csv);
        double[] values = new double[texts.length * 2];
        try (RowReader reader = new CsvTable("t", List.of(dir.resolve("t.csv")), List.of("y", "x")).newReader()) {
            assertEquals(texts.length, reader.read(values, 100));
        }
        double[] expected = Arrays.stream(texts).mapToDouble(t -> {
            String s = t.replace("\"", "").strip();
            return s.isEmpty() || s.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(s);
        }).flatMap(v -> java.util.stream.DoubleStream.of(v, v)).toArray();
        assertArrayEquals(expected, values, 0.0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(values[2]));
    }

    @Test
    void unsignedIntegersAreReadAsTheirUnsignedValues() throws IOException {
        // 2^63 + 1025 lies between the doubles 2^63 + 0 and 2^63 + 2048, nearer the latter, as numpy rounds it
        long justAboveHalf = Long.MIN_VALUE + 1025;
        TestTables.writeParquet(dir.resolve("t.parquet"), "message m { required int32 a (UINT_8);"
                        + " required int32 b (UINT_16); required int32 c (UINT_32); optional int64 d (UINT_64); }",
                List.of(new Object[] {255, 65535, (int) 3_000_000_000L, -1L},
                        new Object[] {0, 1, (int) 4_294_967_295L, justAboveHalf},
                        new Object[] {7, 8, 9, null}));
        double[] values = new double[12];
        try (RowReader reader = new ParquetTable("t", List.of(dir.resolve("t.parquet")), List.of("a", "b", "c", "d"))
                .newReader()) {
            assertEquals(3, reader.read(values, 10));
        }
        assertArrayEquals(new double[] {255, 65535, 3e9, 18446744073709551616.0,
                0, 1, 4294967295.0, 9223372036854777856.0, 7, 8, 9, Double.NaN}, values, 0.0);
    }

    @Test
    void infiniteAndOverflowingValuesAreRefusedNamingColumnAndRow() throws IOException {
        for (String cell : List.of("Infinity", "-inf", "1e999", "-1E400")) {
            Files.writeString(dir.resolve("t.csv"), "a,b\n1,2\n3,4\n5," + cell + "\n6,7\n");
            String message = failure(dir.resolve("t.csv"));
            assertTrue(message.contains("column 'b'") && message.contains("1 infinite value(s)")
                    && message.contains("row 2"), cell + ": " + message);
        }
        TestTables.writeParquet(dir.resolve("t.parquet"), "message m { required double a; required double b; }",
                List.of(new Object[] {1.0, 2.0}, new Object[] {Double.NEGATIVE_INFINITY, 2.0}));
        String message = failure(dir.resolve("t.parquet"), List.of(TwoPassScaler.recording("imputes")),
                WeightedSumModel.detector(new double[] {1, 1}, 0));
        assertTrue(message.contains("column 'a'") && message.contains("row 1"), message);
    }

    @Test
    void javaNumberSyntaxIsNotANumber() throws IOException {
        for (String cell : List.of("1.5f", "1.5d", "0x1.8p1", "0x10", "1__0", "\"  \"", "\" NA \"", "--1")) {
            Files.writeString(dir.resolve("t.csv"), "a,b\n1,2\n3," + cell + "\n");
            String message = failure(dir.resolve("t.csv"));
            assertTrue(message.contains("column 'b'") && message.contains("row 1") && message.contains("not a number"),
                    cell + ": " + message);
        }
    }

    @Test
    void csvCellsReadAsPandasAndScikitLearnReadThem() throws IOException {
        // pandas parses these, or leaves the column as text that scikit-learn's float() conversion accepts
        String[] cells = {"1e5", "+1.5", ".5", "5.", " 1.5 ", "1_000", "1e1_0", "-0", "NA", "", "null", "nan", "NAN",
            "-NaN", " nan ", "\u00a02.5", "\u0661\u0662"};
        double[] expected = {1e5, 1.5, 0.5, 5, 1.5, 1000, 1e10, -0.0, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, 2.5, 12};
        StringBuilder csv = new StringBuilder("a\n");
        for (String cell : cells) {
            csv.append('"').append(cell).append("\"\n");
        }
        Files.writeString(dir.resolve("t.csv"), csv);
        double[] values = new double[cells.length];
        try (RowReader reader = new CsvTable("t", List.of(dir.resolve("t.csv")), List.of("a")).newReader()) {
            assertEquals(cells.length, reader.read(values, 100));
        }
        for (int i = 0; i < cells.length; i++) {
            assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(values[i]), "'" + cells[i] + "'");
        }
    }

    @Test
    void duplicateParquetColumnsAreRefused() throws IOException {
        TestTables.writeParquet(dir.resolve("t.parquet"),
                "message m { required double a; required double b; required double a; }",
                List.<Object[]>of(new Object[] {1.0, 2.0, 3.0}));
        String message = failure(dir.resolve("t.parquet"));
        assertTrue(message.contains("'a'") && message.contains("twice"), message);
    }

    @Test
    void dateAndTimeColumnsAreNotNumbers() throws IOException {
        for (String type : List.of("int64 b (TIMESTAMP(MILLIS,true))", "int32 b (DATE)", "int64 b (TIME(MICROS,true))",
                "int32 b (TIME(MILLIS,false))")) {
            Path file = dir.resolve("t" + type.hashCode() + ".parquet");
            TestTables.writeParquet(file, "message m { required double a; required " + type + "; }",
                    List.<Object[]>of(new Object[] {1.0, type.startsWith("int64") ? (Object) 5L : (Object) 5}));
            String message = failure(file);
            String logical = type.substring(type.indexOf('(') + 1, type.indexOf('(') + 4);
            assertTrue(message.contains("column 'b'") && message.contains(logical), type + ": " + message);
        }
    }

    @Test
    void remoteLocationsAreLeftToSpark() {
        ShapeException e = assertThrows(ShapeException.class, () -> new LocalEngine().score(job("s3a://bucket/table",
                FEATURES, List.of(), WeightedSumModel.detector(new double[2], 0), java.util.Optional.empty(),
                dir.resolve("out"), DataFormat.PARQUET, Map.of()), ScoringListener.NONE));
        assertEquals(ErrorKind.INVALID_INPUT, e.kind());
        assertTrue(e.getMessage().contains("use --engine spark"), e.getMessage());
    }
}
