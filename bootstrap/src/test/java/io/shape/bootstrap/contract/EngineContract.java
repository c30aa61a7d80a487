package io.shape.bootstrap.contract;

import io.shape.adapters.persistence.pickle.Fixtures;
import io.shape.adapters.persistence.pickle.PickleModelLoader;
import io.shape.adapters.persistence.spec.JsoncSpecReader;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.data.DataFormat;
import io.shape.domain.data.Dataset;
import io.shape.domain.model.Model;
import io.shape.domain.model.OutputSchema;
import io.shape.domain.model.PredictionKind;
import io.shape.domain.model.Predictions;
import io.shape.domain.pickled.PickledPipeline;
import io.shape.domain.port.ComputeEngine;
import io.shape.domain.port.ScoringJob;
import io.shape.domain.port.ScoringListener;
import io.shape.domain.port.ScoringResult;
import io.shape.domain.run.RunId;
import io.shape.domain.spec.PipelineSpec;
import io.shape.domain.transform.Pipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every engine must do, run on every engine the same way (as {@code RunRepositoryContract} is for the
 * run stores): fit each transformer parity fixture of {@code reference/fixtures/transformers} on its own
 * input through the engine's passes, score every row through the fitted steps, and give what scikit-learn
 * 1.6.1 gave (or, for a fixture whose input holds NaN that no step imputes, refuse it as the estimator after
 * the steps would); score every estimator parity fixture of {@code reference/fixtures/models} (a pickled
 * scikit-learn model behind an identity step) and every fitted-pipeline fixture of
 * {@code reference/fixtures/pipelines} (a pickled, fitted {@code Pipeline} applied as pickled to a parquet
 * table, columns by name) as scikit-learn predicted it; and refuse what the domain's rules refuse. The engine's output is read back from its files.
 *
 * <p>The model is a weighted sum of the transformed columns, weights 1, 1/2, 1/3, ..., summed in column
 * order, so one prediction per row holds every transformed value of that row: a single wrong value (a bad
 * fit pass, a merge in the wrong order, a row read twice) moves it.
 */
public abstract class EngineContract {
    static final Path FIXTURES = Path.of("..").toAbsolutePath().normalize().resolve("reference/fixtures/transformers");
    static final Path MODELS = Fixtures.root().resolve("models");
    static final Path PIPELINES = Fixtures.root().resolve("pipelines");
    private static final double RTOL = 1e-9;
    private static final double ATOL = 1e-12;

    @TempDir
    Path dir;

    /** The columns of the predictions the engine wrote last ({@link #predictionRows}). */
    private List<String> written = List.of();

    protected abstract ComputeEngine engine();

    /** Engine options for the job (a master, partitions). */
    protected Map<String, String> options() {
        return Map.of();
    }

    static Stream<String> fixtures() throws IOException {
        return folders(FIXTURES);
    }

    /** The fixture folders under {@code root}, by name. */
    private static Stream<String> folders(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyParityFixtureScoresAsScikitLearnTransformsIt(String name) throws IOException {
        Path fixture = FIXTURES.resolve(name);
        Pipeline pipeline = pipeline(fixture);
        List<double[]> transformed = csv(fixture.resolve("transformed.csv"));
        int width = transformed.get(0).length;
        WeightedSum model = new WeightedSum(width);
        Path input = fixture.resolve("input.csv");
        if (!allTrue(pipeline.missingAccepted(false)) && csv(input).stream().flatMapToDouble(java.util.Arrays::stream)
                .anyMatch(Double::isNaN)) {
            // scikit-learn's scalers pass NaN through, but the estimator after them refuses it: so must the engine
            ShapeException e = assertThrows(ShapeException.class, () -> score(pipeline, model, input), name);
            assertTrue(e.getMessage().contains("missing value"), e.getMessage());
            return;
        }
        List<Double> predictions = score(pipeline, model, input);
        assertEquals(transformed.size(), predictions.size(), name + ": rows");
        for (int r = 0; r < predictions.size(); r++) {
            double expected = model.sum(transformed.get(r), 0);
            double got = predictions.get(r);
            assertTrue(Math.abs(got - expected) <= ATOL + RTOL * Math.abs(expected),
                    name + " row " + r + ": " + got + " vs scikit-learn's " + expected);
        }
    }

    /** Every estimator fixture; those of {@code models-missing} score rows holding NaN, which the model routes. */
    static Stream<String> estimatorFixtures() throws IOException {
        return Stream.concat(folders(MODELS), folders(MODELS.resolveSibling("models-missing")).map(n -> "models-missing/" + n));
    }

    /**
     * The fixture's rows through an identity step (a spec needs one; a StandardScaler that neither centers nor
     * scales computes x - 0.0 and / 1.0, the same bits) into its pickled model: no label may differ from
     * scikit-learn's, values and decision functions as close as the persistence fixtures test holds them.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("estimatorFixtures")
    void everyEstimatorFixtureScoresAsScikitLearnPredicts(String name) throws IOException {
        Path fixture = name.contains("/") ? MODELS.resolveSibling(name) : MODELS.resolve(name);
        Path input = fixture.resolve("X.csv");
        PipelineSpec spec = new JsoncSpecReader().read(Files.writeString(dir.resolve(name.replace('/', '-') + ".jsonc"),
                "{\"features\": [\"" + String.join("\", \"", Fixtures.header(input)) + "\"],\n"
                        + " \"steps\": {\"identity\": {\"StandardScaler\": {\"with_mean\": false, \"with_std\": false}}},\n"
                        + " \"model\": \"" + fixture.resolve("model.pkl") + "\"}\n"));
        PickledPipeline pickled = new PickleModelLoader().load(Path.of(spec.modelPath()));
        Model model = pickled.estimator();
        // a bare estimator after the spec is the original job; one holding its own preprocessing runs it after
        Pipeline pipeline = pickled.scoredAfter(Optional.of(spec), List.of(), "model file " + spec.modelPath());
        assertScoredAsScikitLearn(name, model, predictionRows(pipeline, model, input), fixture.resolve("expected.csv"));
    }

    static Stream<String> pipelineFixtures() throws IOException {
        return folders(PIPELINES);
    }

    /**
     * A fitted scikit-learn Pipeline pickle (or a bare estimator fitted on a table), applied as pickled to the
     * fixture's parquet table: its columns taken by name from {@code feature_names_in_} (the table has others,
     * in another order), or those the fixture lists for a pipeline fitted on an array.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pipelineFixtures")
    void everyFittedPipelineFixtureScoresAsScikitLearnPredicts(String name) throws IOException {
        assertPickleScoredAsScikitLearn(name, PIPELINES.resolve(name));
    }

    /** A fixture's pickle applied as pickled to its table, every column compared with the fixture's expectations. */
    private void assertPickleScoredAsScikitLearn(String name, Path fixture) throws IOException {
        PickledPipeline pickled = new PickleModelLoader().load(fixture.resolve("model.pkl"));
        List<String> columns = new java.util.ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(fixture.resolve("meta.json").toFile())
                .path("features").forEach(c -> columns.add(c.asText()));
        Pipeline pipeline = pickled.scoredAfter(Optional.empty(), pickled.featureNames().isEmpty() ? columns : List.of(),
                "model file " + fixture.resolve("model.pkl"));
        pipeline.widths().requireFits(pickled.estimator());
        assertScoredAsScikitLearn(name, pickled.estimator(),
                predictionRows(pipeline, pickled.estimator(), table(fixture)),
                fixture.resolve("expected.csv"));
    }

    static Stream<String> specEncoderFixtures() throws IOException {
        return folders(PIPELINES.resolveSibling("spec-encoders"));
    }

    /**
     * The challenge job with encoders in its spec: OneHotEncoder / OrdinalEncoder fitted on the table they score,
     * its text columns surveyed first (parquet strings with None, a pandas categorical with NaN, CSV text), then the
     * pickled estimator scikit-learn fitted on the same encoding.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("specEncoderFixtures")
    void everySpecEncoderFixtureIsFittedOnItsTableAsScikitLearnFitsIt(String name) throws IOException {
        Path fixture = PIPELINES.resolveSibling("spec-encoders").resolve(name);
        PipelineSpec spec = new JsoncSpecReader().read(fixture.resolve("spec.json"));
        PickledPipeline pickled = new PickleModelLoader().load(fixture.resolve(spec.modelPath()));
        Pipeline pipeline = pickled.scoredAfter(Optional.of(spec), List.of(), "model file " + spec.modelPath());
        pipeline.widths().requireFits(pickled.estimator());
        // the bound: a scaler after the encoder sums its partitions' deviations on Spark, not row after row
        assertScoredAsScikitLearn(name, pickled.estimator(), predictionRows(pipeline, pickled.estimator(),
                table(fixture)), fixture.resolve("expected.csv"), RTOL);
    }

    /**
     * A spec encoder's fitted state, saved as {@code fitted_state.json} and given back ({@code --fitted-state}),
     * keeps its text categories: the table is read by them, not surveyed again, and scores the same.
     */
    @Test
    void aSpecEncoderOfTextsFittedStateScoresTheSameWhenGivenBack() throws IOException {
        Path fixture = PIPELINES.resolveSibling("spec-encoders").resolve("onehot_infrequent_first_svc");
        PipelineSpec spec = new JsoncSpecReader().read(fixture.resolve("spec.json"));
        PickledPipeline pickled = new PickleModelLoader().load(fixture.resolve(spec.modelPath()));
        Pipeline pipeline = pickled.scoredAfter(Optional.of(spec), List.of(), "model file " + spec.modelPath());
        Path predictions = dir.resolve("fitted-" + System.nanoTime());
        Dataset table = new Dataset(table(fixture).toString(), DataFormat.PARQUET, pipeline.features(),
                io.shape.domain.data.FileConfinement.NONE, pipeline.columnPlan());
        ScoringResult first = engine().score(new ScoringJob(RunId.create(Instant.now()), table, pipeline,
                pickled.estimator(), Optional.empty(), predictions.toString(), DataFormat.CSV, options()),
                ScoringListener.NONE);
        assertTrue(first.phaseSeconds().containsKey("survey"), "the survey is a phase: " + first.phaseSeconds());
        var documents = new io.shape.adapters.persistence.json.JsonRunDocuments();
        Path saved = Files.write(dir.resolve("fitted_state.json"), documents.fittedState(first.fitted()));
        List<String> colors = new ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(saved.toFile()).path("steps").get(0)
                .path("attributes").path("category_texts").get(0).forEach(t -> colors.add(t.asText()));
        // Python's str order, by code point: U+FF21 before U+1F642, which UTF-16's order puts the other way
        assertEquals(List.of("Red", "black", "blue", "red", "teal", "zeta", "émeraude", "Ωmega", "\uFF21wide",
                "\uD83D\uDE42smile"), colors, "the texts saved, in scikit-learn's order");
        io.shape.domain.transform.FittedPipeline restored = documents.readFittedState(saved, pipeline);
        Dataset again = new Dataset(table.location(), DataFormat.PARQUET, pipeline.features(),
                io.shape.domain.data.FileConfinement.NONE, pipeline.columnPlan(Optional.of(restored)));
        assertFalse(again.columns().surveysText(), "read by the fitted categories");
        Path second = dir.resolve("again-" + System.nanoTime());
        ScoringResult given = engine().score(new ScoringJob(RunId.create(Instant.now()), again, pipeline,
                pickled.estimator(), Optional.of(restored), second.toString(), DataFormat.CSV, options()),
                ScoringListener.NONE);
        assertFalse(given.phaseSeconds().containsKey("survey"), "no survey: " + given.phaseSeconds());
        assertEquals(partsText(predictions), partsText(second));
    }

    private static List<String> partsText(Path predictions) throws IOException {
        List<String> rows = new ArrayList<>();
        try (Stream<Path> s = Files.list(predictions)) {
            for (Path part : s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                rows.addAll(Fixtures.csv(part, true).stream().map(r -> String.join(",", r)).toList());
            }
        }
        rows.sort(java.util.Comparator.comparingLong(r -> Long.parseLong(r.substring(0, r.indexOf(',')))));
        return rows;
    }

    /** The fixtures other scikit-learn releases made ({@code reference/versions.py}), as {@code <version>/<case>}. */
    static Stream<String> otherVersionFixtures() throws IOException {
        Path root = PIPELINES.resolveSibling("versions");
        return folders(root).flatMap(version -> {
            try {
                return folders(root.resolve(version)).map(name -> version + "/" + name);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /**
     * A fitted Pipeline pickled by another scikit-learn release (1.2 to 1.7), scored as that release predicted it:
     * the same path as {@link #everyFittedPipelineFixtureScoresAsScikitLearnPredicts}.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("otherVersionFixtures")
    void everyOtherVersionsPipelineFixtureScoresAsThatVersionPredicts(String name) throws IOException {
        assertPickleScoredAsScikitLearn(name, PIPELINES.resolveSibling("versions").resolve(name));
    }

    /** A fitted-pipeline fixture's table ({@link Fixtures#table}: each has one). */
    private static Path table(Path fixture) {
        return Fixtures.table(fixture).orElseThrow(() -> new IllegalStateException("no table in " + fixture));
    }

    /** The refused-pipeline fixtures that come with a table: the pickle loads, what the table holds is refused. */
    static Stream<String> refusedPipelineTables() throws IOException {
        Path root = PIPELINES.resolveSibling("pipelines-refused");
        return folders(root).filter(name -> Fixtures.table(root.resolve(name)).isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedPipelineTables")
    void tablesAFittedPipelineRefusesAreRefusedNamingTheValue(String name) throws IOException {
        Path fixture = PIPELINES.resolveSibling("pipelines-refused").resolve(name);
        PickledPipeline pickled = new PickleModelLoader().load(fixture.resolve("model.pkl"));
        Pipeline pipeline = pickled.scoredAfter(Optional.empty(), List.of(), "model file " + fixture.resolve("model.pkl"));
        com.fasterxml.jackson.databind.JsonNode meta = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(fixture.resolve("meta.json").toFile());
        ShapeException e = assertThrows(ShapeException.class,
                () -> predictionRows(pipeline, pickled.estimator(), table(fixture)), name);
        assertEquals(ErrorKind.INVALID_INPUT, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(meta.get("message").asText()), e.getMessage());
        if (meta.has("message_also")) { // the row and cell, the same on every engine
            assertTrue(e.getMessage().contains(meta.get("message_also").asText()), e.getMessage());
        }
    }

    /**
     * No label may differ from scikit-learn's; values, decision functions and probabilities as close as the
     * fixtures hold them; the engine writes exactly the columns scikit-learn gave (docs/CONTRACT.md's).
     */
    private void assertScoredAsScikitLearn(String name, Model model, List<String[]> predictions,
            Path expectedFile) throws IOException {
        assertScoredAsScikitLearn(name, model, predictions, expectedFile, Fixtures.TOLERANCE);
    }

    /** @param tolerance relative to max(1, |scikit-learn's value|) */
    private void assertScoredAsScikitLearn(String name, Model model, List<String[]> predictions,
            Path expectedFile, double tolerance) throws IOException {
        List<String> columns = new ArrayList<>(Fixtures.header(expectedFile));
        columns.replaceAll(c -> c.equals("predict") ? OutputSchema.PREDICTION : c);
        if (!columns.contains(OutputSchema.ROW)) {
            columns.add(0, OutputSchema.ROW);
        }
        List<String[]> expected = Fixtures.csv(expectedFile, true);
        int shift = Fixtures.header(expectedFile).contains(OutputSchema.ROW) ? 0 : 1;
        List<String> compared = new ArrayList<>(written);
        if (!columns.stream().anyMatch(c -> c.startsWith(OutputSchema.PROBABILITY_PREFIX))) {
            // the estimator fixtures record predict and decision_function only
            compared.removeIf(c -> c.startsWith(OutputSchema.PROBABILITY_PREFIX));
        }
        assertEquals(columns, compared, name + ": the columns written");
        assertEquals(expected.size(), predictions.size(), name + ": rows");
        int flips = 0;
        for (int r = 0; r < expected.size(); r++) {
            String[] got = predictions.get(r);
            for (int c = 1; c < columns.size(); c++) {
                String want = expected.get(r)[c - shift];
                if (c == 1 && model.predictionKind() != PredictionKind.VALUE) {
                    flips += want.equals(got[1]) ? 0 : 1;
                } else {
                    close(name + " row " + r + " " + columns.get(c), want, got[c], tolerance);
                }
            }
        }
        assertEquals(0, flips, name + ": labels differing from scikit-learn's");
    }

    private static void close(String what, String expected, String got, double tolerance) {
        double want = Double.parseDouble(expected);
        assertTrue(Math.abs(want - Double.parseDouble(got)) <= tolerance * Math.max(1.0, Math.abs(want)),
                what + ": " + got + " vs scikit-learn's " + expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTables")
    void tablesTheDomainRefusesAreRefused(String name, String table, String message) throws IOException {
        Path input = Files.writeString(dir.resolve(name + ".csv"), table);
        Pipeline pipeline = pipeline(FIXTURES.resolve("standard_no_mean"));
        ShapeException e = assertThrows(ShapeException.class,
                () -> score(pipeline, new WeightedSum(pipeline.features().size()), input));
        assertEquals(ErrorKind.INVALID_INPUT, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> refusedTables() throws IOException {
        String header = String.join(",", pipeline(FIXTURES.resolve("standard_no_mean")).features());
        int width = header.split(",").length;
        String ones = String.join(",", java.util.Collections.nCopies(width, "1"));
        String tail = ones + "\n" + ones.replace("1", "2") + "\n";
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("infinity", header + "\n" + "Infinity"
                        + ones.substring(1) + "\n" + tail, "infinite value"),
                org.junit.jupiter.params.provider.Arguments.of("overflow", header + "\n" + "1e999"
                        + ones.substring(1) + "\n" + tail, "infinite value"),
                org.junit.jupiter.params.provider.Arguments.of("missing", header + "\n" + "NaN"
                        + ones.substring(1) + "\n" + tail, "missing value"),
                org.junit.jupiter.params.provider.Arguments.of("java-syntax", header + "\n" + "1.5f"
                        + ones.substring(1) + "\n" + tail, "1.5f"));
    }

    private static Pipeline pipeline(Path fixture) throws IOException {
        // the reader wants a model entry; the contract's model is built in code
        Path spec = Files.createTempFile("contract-", ".jsonc");
        try {
            String text = Files.readString(fixture.resolve("spec.json")).strip();
            Files.writeString(spec, text.substring(0, text.length() - 1) + ", \"model\": \"unused.pkl\"}");
            return Pipeline.of(new JsoncSpecReader().read(spec));
        } finally {
            Files.deleteIfExists(spec);
        }
    }

    private List<Double> score(Pipeline pipeline, Model model, Path input) throws IOException {
        return predictionRows(pipeline, model, input).stream().map(r -> Double.parseDouble(r[1])).toList();
    }

    /** The engine's prediction files read back, each row's cells as written, ordered by row number. */
    private List<String[]> predictionRows(Pipeline pipeline, Model model, Path input) throws IOException {
        Path predictions = dir.resolve("p-" + System.nanoTime());
        ScoringJob job = new ScoringJob(RunId.create(Instant.now()), new Dataset(input.toString(),
                DataFormat.ofFileName(input.toString()), pipeline.features(), io.shape.domain.data.FileConfinement.NONE,
                pipeline.columnPlan()), pipeline, model, Optional.empty(), predictions.toString(), DataFormat.CSV,
                options());
        ScoringResult result = engine().score(job, ScoringListener.NONE);
        assertTrue(Files.exists(predictions.resolve("_SUCCESS")), "published with _SUCCESS");
        List<String[]> rows = new ArrayList<>();
        List<Path> parts;
        try (Stream<Path> s = Files.list(predictions)) {
            parts = s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
        for (Path part : parts) {
            rows.addAll(Fixtures.csv(part, true));
        }
        written = parts.isEmpty() ? List.of() : Fixtures.header(parts.get(0));
        rows.sort(java.util.Comparator.comparingLong(r -> Long.parseLong(r[0])));
        assertEquals(result.rows(), rows.size());
        for (int r = 0; r < rows.size(); r++) {
            assertEquals(r, Long.parseLong(rows.get(r)[0]), "row numbers 0..n-1, each once");
        }
        return rows;
    }

    /** A CSV with a header of numbers (Python's and Java's spellings of NaN and infinity agree). */
    private static List<double[]> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                String[] cells = line.split(",");
                double[] row = new double[cells.length];
                for (int c = 0; c < cells.length; c++) {
                    row[c] = cells[c].equals("inf") ? Double.POSITIVE_INFINITY
                            : cells[c].equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(cells[c]);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** A regressor: the transformed columns weighted 1, 1/2, 1/3, ... and summed in column order. */
    record WeightedSum(int width) implements Model {
        double sum(double[] x, int offset) {
            double s = 0;
            for (int j = 0; j < width; j++) {
                s += x[offset + j] / (j + 1);
            }
            return s;
        }

        @Override
        public void score(double[] x, int rows, Predictions out) {
            for (int r = 0; r < rows; r++) {
                out.value[r] = sum(x, r * width);
            }
        }

        @Override
        public String estimatorClass() {
            return "WeightedSum";
        }

        @Override
        public int featureCount() {
            return width;
        }

        @Override
        public PredictionKind predictionKind() {
            return PredictionKind.VALUE;
        }

        @Override
        public List<Object> labels() {
            return List.of();
        }

        @Override
        public boolean hasDecisionFunction() {
            return false;
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of();
        }
    }

    private static boolean allTrue(boolean[] accepted) {
        for (boolean a : accepted) {
            if (!a) {
                return false;
            }
        }
        return true;
    }
}
