package io.shape.adapters.local;

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
        return failure(data, List.of(), LinearModel.detector(new double[] {1, 1}, 0));
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
        assertEquals("feature column 'b' is not in " + dir.resolve("t.parquet") + "; its columns are: a, x", message);
    }

    @Test
    void missingCsvColumnIsNamedWithTheColumnsPresent() throws IOException {
        Files.writeString(dir.resolve("t.csv"), "a,c\n1,2\n");
        assertEquals("feature column 'b' is not in " + dir.resolve("t.csv") + "; its columns are: a, c",
                failure(dir.resolve("t.csv")));
    }

    @Test
    void nonNumericColumnIsNamedWithItsType() throws IOException {
        TestTables.writeParquet(dir.resolve("t.parquet"),
                "message m { required double a; required binary b (STRING); }",
                List.<Object[]>of(new Object[] {1.0, "x"}));
        String message = failure(dir.resolve("t.parquet"));
        assertTrue(message.startsWith("column 'b' in " + dir.resolve("t.parquet") + " has type BINARY (STRING);"),
                message);
    }

    @Test
    void nonNumericCsvValueIsNamedWithItsLine() throws IOException {
        Files.writeString(dir.resolve("t.csv"), "a,b\n1,2\n3,abc\n");
        assertEquals(dir.resolve("t.csv") + " line 3, column 'b': 'abc' is not a number; feature columns must be numeric",
                failure(dir.resolve("t.csv")));
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
                failure(dir.resolve("t.csv"), List.of(new RecordingStep("s")),
                        LinearModel.detector(new double[] {1, 1}, 0)));
    }

    @Test
    void missingValuesAreCountedPerColumnWithTheRemedy() throws IOException {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(new Object[] {(double) i, i < 2 ? null : i == 5 ? Double.NaN : (double) i});
        }
        TestTables.writeParquet(dir.resolve("t.parquet"), "message m { required double a; optional double b; }", rows);
        String message = failure(dir.resolve("t.parquet"), List.of(new RecordingStep("s")),
                LinearModel.detector(new double[] {1, 1}, 0));
        assertEquals("missing values (null or NaN) in feature column 'b' (3 of 10 rows) of " + dir.resolve("t.parquet")
                + "; add a SimpleImputer step before the steps that need numbers, or clean the data", message);
    }

    @Test
    void missingValuesFoundWhileScoringWithoutFitting() throws IOException {
        Files.writeString(dir.resolve("t.csv"), "a,b\n1,2\nnan,3\n,4\nNaN,5\n");
        String message = failure(dir.resolve("t.csv"));
        assertTrue(message.startsWith("missing values (null or NaN) in feature column 'a' (3 of 4 rows)"), message);
    }

    @Test
    void modelWidthMustMatchThePipeline() throws IOException {
        TestTables.writeDoubles(dir.resolve("t.parquet"), FEATURES, TestTables.randomRows(10, 2, 1));
        String message = failure(dir.resolve("t.parquet"), List.of(new SquaresStep(), new RecordingStep("s")),
                LinearModel.detector(new double[5], 0));
        assertEquals("the LinearTestModel model expects 5 features but the pipeline gives 4 columns (features 2 -> "
                + "squares (4) -> s (4)); the spec's steps must match the ones the model was trained after", message);
    }

    @Test
    void existingPredictionsFolderIsRefusedBeforeAnyWork() throws IOException {
        TestTables.writeDoubles(dir.resolve("t.parquet"), FEATURES, TestTables.randomRows(10, 2, 1));
        Files.createDirectory(dir.resolve("out"));
        RecordingStep step = new RecordingStep("s");
        ShapeException e = assertThrows(ShapeException.class, () -> new LocalEngine().score(job(dir.resolve("t.parquet"),
                FEATURES, List.of(step), LinearModel.detector(new double[2], 0), dir.resolve("out"), DataFormat.PARQUET,
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
            assertArrayEquals(new long[] {1, 0, 0, 1}, reader.missingCounts());
        }
        assertArrayEquals(new double[] {7, 9007199254740992.0, (double) 0.1f, Double.NaN,
                Double.NaN, -3, -2.5, 1e300}, values, 0.0);
    }

    @Test
    void csvNumbersAreParsedAsDoubleParseDouble() throws IOException {
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
    void remoteLocationsAreLeftToSpark() {
        ShapeException e = assertThrows(ShapeException.class, () -> new LocalEngine().score(job("s3a://bucket/table",
                FEATURES, List.of(), LinearModel.detector(new double[2], 0), java.util.Optional.empty(),
                dir.resolve("out"), DataFormat.PARQUET, Map.of()), ScoringListener.NONE));
        assertEquals(ErrorKind.INVALID_INPUT, e.kind());
        assertTrue(e.getMessage().contains("use --engine spark"), e.getMessage());
    }
}
