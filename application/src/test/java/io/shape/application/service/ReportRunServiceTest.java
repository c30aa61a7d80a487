package io.shape.application.service;

import io.shape.domain.ShapeException;
import io.shape.domain.data.DataFormat;
import io.shape.domain.data.Fingerprints;
import io.shape.domain.pickled.PickledPipeline;
import io.shape.domain.port.ModelLoader;
import io.shape.domain.port.RunDocuments;
import io.shape.domain.port.RunReports;
import io.shape.domain.port.SpecReader;
import io.shape.domain.port.TableColumns;
import io.shape.domain.report.ReportContent;
import io.shape.domain.report.ReportedStep;
import io.shape.domain.report.RunComparison;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunInputs;
import io.shape.domain.run.RunMetrics;
import io.shape.domain.run.RunOutputs;
import io.shape.domain.testing.WeightedSumModel;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.FrozenStep;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.RoutedColumns;
import io.shape.domain.transform.Step;
import io.shape.domain.transform.encode.Encoders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a report gathers about a run's fitted pipeline, with the ports faked: a run of a pickled pipeline without a
 * spec shows the pickle's steps (a ColumnTransformer's transformers by path, their columns, parameters and fitted
 * values, text categories included) while its model file is the one the run read, and says why not otherwise.
 */
class ReportRunServiceTest {
    private static final List<String> FEATURES = List.of("temp", "pressure", "color");
    private static final double[] MEAN = {20.5, 3.25};
    private static final double[] SCALE = {4.0, 1.5};

    @TempDir
    Path work;

    private final InMemoryRunRepository repository = new InMemoryRunRepository();
    private final CountingLoader loader = new CountingLoader();
    private final List<ReportContent> written = new ArrayList<>();
    private Path model;

    @BeforeEach
    void modelFile() throws IOException {
        model = work.resolve("model.pkl");
        Files.writeString(model, "the pickle's bytes (the fake loader does not read them)");
    }

    private ReportRunService service() {
        RunReports reports = content -> {
            written.add(content);
            return Path.of(content.run().outputs().directory(), RunOutputs.REPORT);
        };
        SpecReader noSpec = path -> {
            throw new AssertionError("a run without a spec reads no spec");
        };
        return new ReportRunService(repository, new PredictionsOnly(), noSpec, loader, new BoundDocuments(), reports);
    }

    @Test
    void aPickledRunShowsEachPickledStepWithItsFittedValues() throws IOException {
        Run run = pickledRun("20240101-000000-00000001", "run1", Instant.parse("2024-01-01T00:00:00Z"));

        service().report(run);

        ReportContent content = written.get(0);
        assertEquals(List.of("pre", "pre/num", "pre/cat"), content.fitted().stream().map(ReportedStep::path).toList());
        ReportedStep pre = content.fitted().get(0);
        assertEquals("ColumnTransformer", pre.sklearnClass());
        assertEquals("drop", pre.params().get("remainder"));
        assertEquals("StandardScaler over 'temp', 'pressure'", pre.shown().get("num"));
        ReportedStep scaler = content.fitted().get(1);
        assertEquals("StandardScaler", scaler.sklearnClass());
        assertEquals(List.of("'temp'", "'pressure'"), scaler.columns());
        assertArrayEquals(MEAN, (double[]) scaler.shown().get("mean_"));
        assertArrayEquals(SCALE, (double[]) scaler.shown().get("scale_"));
        ReportedStep encoder = content.fitted().get(2);
        assertEquals("OneHotEncoder", encoder.sklearnClass());
        assertEquals(List.of("'color'"), encoder.columns());
        assertEquals("ignore", encoder.params().get("handle_unknown"));
        // The saved state keeps the texts alone; the report names the categories as printed, None and NaN apart.
        assertEquals(List.of(List.of("blue", "red")), encoder.state().attributes().get("category_texts"));
        assertEquals(List.of(List.of("'blue'", "'red'", "None", "nan")), encoder.shown().get("categories_"));
        assertTrue(content.notes().stream().noneMatch(n -> n.contains("not shown")), content.notes().toString());
        assertTrue(content.previous().isEmpty());
    }

    @Test
    void aChangedModelFileIsNotShownAsTheRunsPipeline() throws IOException {
        Run run = pickledRun("20240101-000000-00000001", "run1", Instant.parse("2024-01-01T00:00:00Z"));
        Files.writeString(model, "refitted since");

        service().report(run);

        ReportContent content = written.get(0);
        assertTrue(content.fitted().isEmpty());
        assertEquals(0, loader.loads, "a file that changed is not the run's pipeline: it is not read");
        assertTrue(content.notes().contains("the model file " + model + " changed since the run: the fitted values "
                + "of its pickled pipeline are not shown"), content.notes().toString());
    }

    @Test
    void aGoneModelFileIsSaid() throws IOException {
        Run run = pickledRun("20240101-000000-00000001", "run1", Instant.parse("2024-01-01T00:00:00Z"));
        Files.delete(model);

        service().report(run);

        assertTrue(written.get(0).fitted().isEmpty());
        assertTrue(written.get(0).notes().contains("the model file " + model + " is gone: the fitted values of its "
                + "pickled pipeline are not shown"), written.get(0).notes().toString());
    }

    @Test
    void aPreviousPickledRunOfTheSameModelFileIsComparedWithoutDrift() throws IOException {
        Run first = pickledRun("20240101-000000-00000001", "run1", Instant.parse("2024-01-01T00:00:00Z"));
        Run second = pickledRun("20240102-000000-00000002", "run2", Instant.parse("2024-01-02T00:00:00Z"));
        repository.save(first);
        repository.save(second);

        service().report(second);

        RunComparison comparison = written.get(0).previous().orElseThrow(() -> new AssertionError(
                "the first run of the same model file is the previous one: " + written.get(0).notes()));
        assertEquals(first.id(), comparison.previous().id());
        // The same pickle: every fitted statistic is compared (the scaler's per column), and none moved.
        assertTrue(comparison.shifts().stream().anyMatch(s -> s.step().equals("pre/num")
                && s.statistic().equals("mean_[0]")), comparison.shifts().toString());
        assertTrue(comparison.shifts().stream().allMatch(s -> s.shift() == 0), comparison.shifts().toString());
    }

    /** A succeeded run of the pickle without a spec, with its predictions and fitted_state.json in {@code folder}. */
    private Run pickledRun(String id, String folder, Instant at) throws IOException {
        Path out = work.resolve(folder);
        Files.createDirectories(out.resolve(RunOutputs.PREDICTIONS));
        Files.writeString(out.resolve(RunOutputs.PREDICTIONS).resolve("_SUCCESS"), "");
        Files.writeString(out.resolve(RunOutputs.FITTED_STATE), "{}");
        RunInputs inputs = new RunInputs(null, null, model.toString(), Fingerprints.sha256(model), "LogisticRegression",
                work.resolve("data.parquet").toString(), "fingerprint", null);
        RunMetrics metrics = new RunMetrics(3, List.of(3L, 3L), List.of(3L, 4L), List.of("1"), Map.of("1", 3L), 0.1,
                30, Map.of());
        return Run.queued(new RunId(id), "local", at, inputs, RunOutputs.in(out.toString(), DataFormat.PARQUET))
                .started(at).withParams(Map.of("features", String.join(",", FEATURES))).succeeded(at, metrics);
    }

    /** The pickle: a ColumnTransformer of a StandardScaler over two numbers and a OneHotEncoder over a text column. */
    private static PickledPipeline pickled() {
        FrozenStep scaler = FrozenStep.of("pre/num", "StandardScaler", Map.of("with_mean", true), 2, 2,
                Map.of("mean_", MEAN, "scale_", SCALE, "var_", new double[] {16, 2.25}));
        Map<String, Object> encoderState = new HashMap<>();
        encoderState.put("handle_unknown", "ignore");
        encoderState.put("categories_", List.of(new ArrayList<>(Arrays.asList("blue", "red", null, Double.NaN))));
        encoderState.put("n_features_in_", 1L);
        encoderState.put("_n_features_outs", List.of(4L));
        FrozenStep encoder = new FrozenStep("pre/cat", "OneHotEncoder", Map.of("handle_unknown", "ignore"),
                Encoders.read(Encoders.ONE_HOT, "pre/cat", encoderState, List.of("'color'")), false);
        RoutedColumns routed = new RoutedColumns("pre", 3, List.of(
                new RoutedColumns.Route("num", new int[] {0, 1}, List.of(scaler)),
                new RoutedColumns.Route("cat", new int[] {2}, List.of(encoder))),
                FEATURES.stream().map(f -> "'" + f + "'").toList());
        FrozenStep pre = new FrozenStep("pre", "ColumnTransformer", Map.of("remainder", "drop"), routed, false);
        return new PickledPipeline(List.of(pre), WeightedSumModel.detector(new double[] {1, 1, 1, 1, 1, 1}, 0),
                FEATURES);
    }

    private final class CountingLoader implements ModelLoader {
        int loads;

        @Override
        public PickledPipeline load(Path file) {
            assertEquals(model, file);
            loads++;
            return pickled();
        }
    }

    /** fitted_state.json of a pickled pipeline names its steps; the values restored are the pickle's own. */
    private static final class BoundDocuments implements RunDocuments {
        @Override
        public FittedPipeline readFittedState(Path file, Pipeline pipeline) {
            if (!Files.isRegularFile(file)) {
                throw ShapeException.invalidInput("fitted state " + file + " not found");
            }
            List<FittedTransform> transforms = new ArrayList<>();
            int width = pipeline.features().size();
            for (Step step : pipeline.steps()) {
                FittedTransform t = ((FrozenStep) step).bind(width);
                transforms.add(t);
                width = t.outputWidth();
            }
            return new FittedPipeline(pipeline.features(), transforms);
        }

        @Override
        public byte[] metrics(RunMetrics metrics) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] fittedState(FittedPipeline fitted) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] run(Run run) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String toJson(Run run) {
            throw new UnsupportedOperationException();
        }
    }

    /** Three predictions in row order; the data is gone (no series: the report says so and goes on). */
    private static final class PredictionsOnly implements TableColumns {
        @Override
        public List<String> names(String location) {
            if (location.endsWith(RunOutputs.PREDICTIONS)) {
                return List.of("row", "prediction");
            }
            throw ShapeException.invalidInput("no table at " + location);
        }

        @Override
        public Cursor open(String location, List<String> columns) {
            return new Cursor() {
                private boolean done;

                @Override
                public int read(double[] into, int maxRows) {
                    if (done) {
                        return 0;
                    }
                    done = true;
                    double[] rows = {0, 1, 1, 1, 2, 1};
                    System.arraycopy(rows, 0, into, 0, rows.length);
                    return 3;
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
