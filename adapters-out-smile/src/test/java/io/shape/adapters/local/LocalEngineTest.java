package io.shape.adapters.local;

import io.shape.domain.testing.FormulaStep;
import java.util.concurrent.atomic.AtomicLong;
import io.shape.domain.model.Model;
import io.shape.domain.testing.GatedModel;
import io.shape.domain.testing.TwoPassScaler;
import io.shape.domain.testing.WeightedSumModel;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.data.DataFormat;
import io.shape.domain.port.ScoringListener;
import io.shape.domain.port.ScoringResult;
import io.shape.domain.transform.FittedPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.shape.adapters.local.EngineFixture.job;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@org.junit.jupiter.api.Timeout(120)
class LocalEngineTest {
    private static final List<String> FEATURES = List.of("a", "b", "c");
    private static final double[] WEIGHTS6 = {0.5, -0.25, 1.0, 0.125, -0.0625, 0.03125};

    @TempDir
    Path dir;

    private final LocalEngine engine = new LocalEngine();

    /** Three files written out of name order, small row groups, plus files a reader must skip. */
    private double[][] writeFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        double[][] b = TestTables.randomRows(301, 3, 2);
        double[][] a = TestTables.randomRows(257, 3, 1);
        double[][] c = TestTables.randomRows(1, 3, 3);
        TestTables.writeDoubles(folder.resolve("part-b.parquet"), FEATURES, b);
        TestTables.writeDoubles(folder.resolve("part-a.parquet"), FEATURES, a);
        TestTables.writeDoubles(folder.resolve("part-c.parquet"), FEATURES, c);
        Files.writeString(folder.resolve("_SUCCESS"), "");
        Files.writeString(folder.resolve("_common_metadata"), "not parquet");
        Files.writeString(folder.resolve(".part-a.parquet.crc"), "not parquet");
        return Stream.of(a, b, c).flatMap(Arrays::stream).toArray(double[][]::new);
    }

    @ParameterizedTest(name = "keep-mb={0}")
    @ValueSource(strings = {"0", "64"})
    void fitsTwoPassStepOnRowsInInputOrderAcrossFiles(String keepMb) throws IOException {
        double[][] rows = writeFolder(dir.resolve("in"));
        TwoPassScaler recording = TwoPassScaler.recording("scale");
        WeightedSumModel model = WeightedSumModel.detector(WEIGHTS6, 0.1);

        ScoringResult result = engine.score(job(dir.resolve("in"), FEATURES, List.of(FormulaStep.squares(), recording),
                model, dir.resolve("out/predictions"), DataFormat.PARQUET,
                Map.of("threads", "2", "batch-rows", "16", "keep-mb", keepMb)), ScoringListener.NONE);

        assertEquals(2, recording.passes.size(), "mean pass and variance pass");
        for (TwoPassScaler.PassLog pass : recording.passes) {
            assertEquals(rows.length, pass.positions.size());
            for (int r = 0; r < rows.length; r++) {
                assertEquals(r, pass.positions.get(r));
                double[] x = rows[r];
                double[] expected = {x[0], x[1], x[2], x[0] * x[0], x[1] * x[1], x[2] * x[2]};
                assertArrayEquals(expected, pass.rows.get(r), 0.0, "row " + r);
            }
        }
        // The fitted state is what one in-order pass computes, bit for bit.
        double[] mean = new double[6];
        for (double[] t : recording.passes.get(0).rows) {
            for (int i = 0; i < 6; i++) {
                mean[i] += t[i];
            }
        }
        for (int i = 0; i < 6; i++) {
            mean[i] /= rows.length;
        }
        assertArrayEquals(mean, (double[]) result.fitted().transforms().get(1).state().attributes().get("mean_"), 0.0);

        List<TestTables.Prediction> out = TestTables.readPredictions(dir.resolve("out/predictions"));
        assertEquals(rows.length, out.size());
        long positives = 0;
        for (int r = 0; r < rows.length; r++) {
            double d = model.decision(EngineFixture.transform(result.fitted(), rows[r]), 0);
            assertEquals(r, out.get(r).row());
            assertEquals(d, out.get(r).decision(), 0.0, "row " + r);
            assertEquals(d > 0 ? 1L : -1L, out.get(r).prediction());
            positives += d > 0 ? 1 : 0;
        }
        assertArrayEquals(new long[] {rows.length - positives, positives}, result.labelCounts());
        assertEquals(rows.length, result.rows());
        assertTrue(Files.exists(dir.resolve("out/predictions/_SUCCESS")));
        assertEquals(List.of(dir.resolve("out/predictions/part-00000.parquet").toString()), result.partFiles());
    }

    @Test
    void rowsKeptInATemporaryFileGiveTheSameFitAndPredictions() throws IOException {
        writeFolder(dir.resolve("in"));
        List<List<TwoPassScaler.PassLog>> passes = new ArrayList<>();
        List<List<TestTables.Prediction>> predictions = new ArrayList<>();
        List<ScoringResult> results = new ArrayList<>();
        for (String spill : List.of("false", "true")) {
            // keep-mb=0: nothing fits in memory, so later passes re-read the files or read the temporary file
            TwoPassScaler second = TwoPassScaler.recording("scale2");
            Path out = dir.resolve("out-" + spill + "/predictions");
            results.add(engine.score(job(dir.resolve("in"), FEATURES, List.of(FormulaStep.squares(),
                    TwoPassScaler.unrecorded("scale1"), second), WeightedSumModel.detector(WEIGHTS6, 0.1), out,
                    DataFormat.PARQUET, Map.of("threads", "2", "batch-rows", "16", "keep-mb", "0", "spill", spill)),
                    ScoringListener.NONE));
            passes.add(second.passes);
            predictions.add(TestTables.readPredictions(out));
        }
        assertEquals(2, passes.get(1).size());
        for (int p = 0; p < 2; p++) {
            assertEquals(passes.get(0).get(p).positions, passes.get(1).get(p).positions);
            for (int r = 0; r < passes.get(0).get(p).rows.size(); r++) {
                assertArrayEquals(passes.get(0).get(p).rows.get(r), passes.get(1).get(p).rows.get(r), 0.0);
            }
        }
        assertEquals(559, predictions.get(1).size());
        assertEquals(predictions.get(0), predictions.get(1));
        assertArrayEquals(results.get(0).labelCounts(), results.get(1).labelCounts());
    }

    @Test
    void spillOptionMustBeABoolean() throws IOException {
        writeFolder(dir.resolve("in"));
        ShapeException e = assertThrows(ShapeException.class, () -> engine.score(job(dir.resolve("in"), FEATURES,
                List.of(FormulaStep.squares()), WeightedSumModel.detector(WEIGHTS6, 0.1), dir.resolve("out"),
                DataFormat.PARQUET, Map.of("spill", "yes")), ScoringListener.NONE));
        assertTrue(e.getMessage().contains("spill=yes"), e.getMessage());
    }

    @Test
    void csvAndParquetInputsGiveIdenticalResults() throws IOException {
        double[][] rows = TestTables.randomRows(1000, 3, 7);
        TestTables.writeDoubles(dir.resolve("t.parquet"), FEATURES, rows);
        TestTables.writeCsv(dir.resolve("t.csv"), FEATURES, rows);
        WeightedSumModel model = WeightedSumModel.detector(WEIGHTS6, -0.2);

        ScoringResult fromParquet = engine.score(job(dir.resolve("t.parquet"), FEATURES,
                List.of(FormulaStep.squares(), TwoPassScaler.recording("s")), model, dir.resolve("p"), DataFormat.PARQUET,
                Map.of("batch-rows", "64")), ScoringListener.NONE);
        ScoringResult fromCsv = engine.score(job(dir.resolve("t.csv"), FEATURES,
                List.of(FormulaStep.squares(), TwoPassScaler.recording("s")), model, dir.resolve("c"), DataFormat.CSV,
                Map.of("batch-rows", "100")), ScoringListener.NONE);

        for (String attribute : List.of("mean_", "scale_")) {
            assertArrayEquals((double[]) fromParquet.fitted().transforms().get(1).state().attributes().get(attribute),
                    (double[]) fromCsv.fitted().transforms().get(1).state().attributes().get(attribute), 0.0);
        }
        List<TestTables.Prediction> p = TestTables.readPredictions(dir.resolve("p"));
        List<TestTables.Prediction> c = TestTables.readPredictions(dir.resolve("c"));
        assertEquals(p.size(), c.size());
        for (int r = 0; r < p.size(); r++) {
            assertEquals(p.get(r).row(), c.get(r).row());
            assertEquals(p.get(r).prediction().toString(), c.get(r).prediction());
            assertEquals(p.get(r).decision(), c.get(r).decision(), 0.0, "CSV output must round-trip doubles");
        }
        assertArrayEquals(fromParquet.labelCounts(), fromCsv.labelCounts());
        assertTrue(Files.exists(dir.resolve("c/_SUCCESS")));
    }

    @Test
    void readsAFolderOfCsvFilesInNameOrder() throws IOException {
        double[][] first = TestTables.randomRows(40, 3, 21);
        double[][] second = TestTables.randomRows(30, 3, 22);
        Files.createDirectories(dir.resolve("csv"));
        TestTables.writeCsv(dir.resolve("csv/part-10.csv"), FEATURES, second);
        TestTables.writeCsv(dir.resolve("csv/part-01.csv"), FEATURES, first);
        Files.writeString(dir.resolve("csv/_SUCCESS"), "");
        TwoPassScaler recording = TwoPassScaler.recording("s");
        engine.score(job(dir.resolve("csv"), FEATURES, List.of(recording), WeightedSumModel.detector(new double[3], 0),
                dir.resolve("out"), DataFormat.PARQUET, Map.of("batch-rows", "8")), ScoringListener.NONE);
        List<double[]> seen = recording.passes.get(0).rows;
        assertEquals(70, seen.size());
        for (int r = 0; r < 70; r++) {
            assertArrayEquals(r < 40 ? first[r] : second[r - 40], seen.get(r), 0.0);
        }
    }

    @Test
    void seedParquetAndItsCsvGiveIdenticalResults() throws IOException {
        List<String> features = List.of("vibration_x", "vibration_y", "vibration_z");
        Path parquet = Path.of("../data/dataset.parquet");
        Path csv = Path.of("../reference/fixtures/seed/data.csv");
        WeightedSumModel model = WeightedSumModel.detector(WEIGHTS6, 0.0);
        ScoringResult a = engine.score(job(parquet, features, List.of(FormulaStep.squares(), TwoPassScaler.recording("s")),
                model, dir.resolve("a"), DataFormat.PARQUET, Map.of()), ScoringListener.NONE);
        ScoringResult b = engine.score(job(csv, features, List.of(FormulaStep.squares(), TwoPassScaler.recording("s")),
                model, dir.resolve("b"), DataFormat.PARQUET, Map.of()), ScoringListener.NONE);
        assertEquals(295, a.rows());
        assertEquals(TestTables.readPredictions(dir.resolve("a")), TestTables.readPredictions(dir.resolve("b")));
        assertArrayEquals(a.labelCounts(), b.labelCounts());
    }

    @Test
    void writesOnePartFilePerRowsPerPartAndReportsPhases() throws IOException {
        double[][] rows = TestTables.randomRows(250, 3, 11);
        TestTables.writeDoubles(dir.resolve("t.parquet"), FEATURES, rows);
        List<String> events = new ArrayList<>();
        long[] lastProgress = {0, 0};
        ScoringListener listener = new ScoringListener() {
            @Override
            public void stepFitted(String step, String sklearnClass, double seconds) {
                events.add(step + ":" + sklearnClass);
            }

            @Override
            public void progress(long rowsDone, long totalRows) {
                lastProgress[0] = rowsDone;
                lastProgress[1] = totalRows;
            }
        };
        ScoringResult result = engine.score(job(dir.resolve("t.parquet"), FEATURES,
                List.of(FormulaStep.squares(), TwoPassScaler.recording("scale")), WeightedSumModel.detector(WEIGHTS6, 0),
                dir.resolve("out"), DataFormat.CSV, Map.of("rows-per-part", "100", "batch-rows", "32")), listener);
        assertEquals(List.of("part-00000.csv", "part-00001.csv", "part-00002.csv"),
                result.partFiles().stream().map(p -> Path.of(p).getFileName().toString()).toList());
        assertEquals(250, TestTables.readPredictions(dir.resolve("out")).size());
        assertEquals(List.of("scale:TestStandardizer"), events);
        assertArrayEquals(new long[] {250, 250}, lastProgress);
        assertTrue(result.phaseSeconds().keySet().containsAll(List.of("fit:scale", "score", "read", "write")),
                result.phaseSeconds().toString());
        assertFalse(result.phaseSeconds().containsKey("survey"), "no text column, no survey");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("out", "t.parquet"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary folder is left behind");
        }
    }

    @Test
    void frozenStateSkipsFitting() throws IOException {
        double[][] rows = TestTables.randomRows(300, 3, 5);
        TestTables.writeDoubles(dir.resolve("t.parquet"), FEATURES, rows);
        WeightedSumModel model = WeightedSumModel.detector(WEIGHTS6, 0.3);
        ScoringResult first = engine.score(job(dir.resolve("t.parquet"), FEATURES,
                List.of(FormulaStep.squares(), TwoPassScaler.recording("scale")), model, dir.resolve("first"),
                DataFormat.PARQUET, Map.of()), ScoringListener.NONE);

        TwoPassScaler untouched = TwoPassScaler.recording("scale");
        FittedPipeline frozen = first.fitted();
        ScoringResult second = engine.score(job(dir.resolve("t.parquet"), FEATURES,
                List.of(FormulaStep.squares(), untouched), model, Optional.of(frozen), dir.resolve("second"),
                DataFormat.PARQUET, Map.of()), ScoringListener.NONE);

        assertTrue(untouched.passes.isEmpty(), "no accumulator was started");
        assertFalse(second.phaseSeconds().containsKey("fit:scale"));
        assertEquals(frozen, second.fitted());
        assertEquals(TestTables.readPredictions(dir.resolve("first")), TestTables.readPredictions(dir.resolve("second")));
    }

    @Test
    void stringLabelsAndRegressorsGetTheirColumnTypes() throws IOException {
        double[][] rows = TestTables.randomRows(50, 3, 9);
        TestTables.writeDoubles(dir.resolve("t.parquet"), FEATURES, rows);
        double[] w = {1, 2, 3};
        engine.score(job(dir.resolve("t.parquet"), FEATURES, List.of(),
                WeightedSumModel.classifier(w, 0, List.of("normal", "odd, \"quoted\"")), dir.resolve("s"),
                DataFormat.PARQUET,
                Map.of()), ScoringListener.NONE);
        engine.score(job(dir.resolve("t.parquet"), FEATURES, List.of(), WeightedSumModel.regressor(w, 1),
                dir.resolve("r"), DataFormat.PARQUET, Map.of()), ScoringListener.NONE);
        List<TestTables.Prediction> s = TestTables.readPredictions(dir.resolve("s"));
        List<TestTables.Prediction> r = TestTables.readPredictions(dir.resolve("r"));
        for (int i = 0; i < rows.length; i++) {
            double d = rows[i][0] + 2 * rows[i][1] + 3 * rows[i][2];
            assertEquals(d > 0 ? "odd, \"quoted\"" : "normal", s.get(i).prediction());
            assertEquals(d + 1, (Double) r.get(i).prediction(), 1e-12);
            assertTrue(Double.isNaN(r.get(i).decision()), "a regressor has no decision_function column");
        }
        assertEquals("required binary prediction (STRING)",
                TestTables.schemaOf(dir.resolve("s/part-00000.parquet")).getType("prediction").toString());
    }

    @Test
    void failureMidRunLeavesNoPredictions() throws IOException {
        double[][] rows = TestTables.randomRows(5000, 3, 13);
        TestTables.writeDoubles(dir.resolve("t.parquet"), FEATURES, rows);
        ShapeException e = assertThrows(ShapeException.class, () -> engine.score(job(dir.resolve("t.parquet"),
                FEATURES, List.of(FormulaStep.squares()), failingAfter(3000, WeightedSumModel.detector(WEIGHTS6, 0)),
                dir.resolve("out/predictions"), DataFormat.PARQUET,
                Map.of("batch-rows", "100", "rows-per-part", "500", "threads", "2")), ScoringListener.NONE));
        assertEquals(ErrorKind.INTERNAL, e.kind());
        assertTrue(e.getMessage().contains("told to fail after 3000 rows"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out/predictions")));
        try (Stream<Path> left = Files.list(dir.resolve("out"))) {
            assertEquals(List.of(), left.toList(), "the temporary folder is deleted");
        }
    }

    @Test
    void cancellationStopsBetweenBatchesAndCleansUp() throws IOException {
        double[][] rows = TestTables.randomRows(5000, 3, 17);
        TestTables.writeDoubles(dir.resolve("t.parquet"), FEATURES, rows);
        long[] seen = {0};
        ScoringListener cancelling = new ScoringListener() {
            @Override
            public void progress(long rowsDone, long totalRows) {
                seen[0] = rowsDone;
            }

            @Override
            public boolean cancelled() {
                return seen[0] >= 1000;
            }
        };
        ShapeException e = assertThrows(ShapeException.class, () -> engine.score(job(dir.resolve("t.parquet"),
                FEATURES, List.of(FormulaStep.squares()), WeightedSumModel.detector(WEIGHTS6, 0),
                dir.resolve("out/predictions"), DataFormat.CSV, Map.of("batch-rows", "100", "rows-per-part", "300")),
                cancelling));
        assertEquals(ErrorKind.CANCELLED, e.kind());
        assertEquals(1000, seen[0], "stopped at the first check after 1000 rows");
        assertFalse(Files.exists(dir.resolve("out/predictions")));
        try (Stream<Path> left = Files.list(dir.resolve("out"))) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void cancellationDuringFittingStopsToo() throws IOException {
        TestTables.writeDoubles(dir.resolve("t.parquet"), FEATURES, TestTables.randomRows(500, 3, 1));
        ShapeException e = assertThrows(ShapeException.class, () -> engine.score(job(dir.resolve("t.parquet"),
                FEATURES, List.of(TwoPassScaler.recording("s")), WeightedSumModel.detector(new double[3], 0),
                dir.resolve("out"), DataFormat.PARQUET, Map.of()), new ScoringListener() {
                    @Override
                    public boolean cancelled() {
                        return true;
                    }
                }));
        assertEquals(ErrorKind.CANCELLED, e.kind());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    /** Fails the batch that takes {@code model} past {@code rows} rows: a run failing midway. */
    private static GatedModel failingAfter(long rows, Model model) {
        AtomicLong scored = new AtomicLong();
        return new GatedModel(model, (x, batch, width) -> {
            if (scored.addAndGet(batch) > rows) {
                throw new IllegalStateException("test model told to fail after " + rows + " rows");
            }
        });
    }
}
