package io.shape.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shape.adapters.persistence.pickle.Fixtures;
import io.shape.bootstrap.inprocess.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code shape score --model fitted_pipeline.pkl --data table.parquet}, as a new user runs it: from a folder
 * with no spec, no seed and no configuration, the pickle is the whole job.
 */
class FittedPipelineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PIPELINES = Fixtures.root().resolve("pipelines");
    private static final Path REFUSED = Fixtures.root().resolve("pipelines-refused");

    @TempDir
    Path work;

    @Test
    void aPipelineFittedOnATableScoresItByColumnNameFromAnyFolder() throws IOException {
        Path fixture = fixture(true);
        Path out = work.resolve("out");
        Shape.Result r = Shape.run(work, Map.of(), "score", "--quiet", "--json", "--format", "csv",
                "--model", fixture.resolve("model.pkl").toString(), "--data", fixture.resolve("data.parquet").toString(),
                "--output", out.toString());

        assertEquals(0, r.exitCode(), r.all());
        assertSameAsScikitLearn(expectedLabels(fixture), predictedLabels(out));
        JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
        assertTrue(run.at("/inputs/spec_path").isNull(), "no spec was read: " + run.get("inputs"));
        String steps = run.get("params").toString();
        JsonNode meta = JSON.readTree(fixture.resolve("meta.json").toFile());
        for (JsonNode step : meta.get("steps")) {
            assertTrue(steps.contains("step." + step.get("path").asText() + ".class"), "params name the pickled step "
                    + step.get("path") + ": " + steps);
        }
        assertEquals(String.join(",", names(meta.get("feature_names_in"))), run.at("/params/features").asText());
    }

    @Test
    void aColumnTransformerOverTextColumnsScoresAndItsTransformersAreRecordedByPath() throws IOException {
        Path fixture = PIPELINES.resolve("ct_impute_infrequent_ordinal_svc");
        Path out = work.resolve("out");
        Shape.Result r = Shape.run(work, Map.of(), "score", "--quiet", "--format", "parquet",
                "--model", fixture.resolve("model.pkl").toString(), "--data", fixture.resolve("data.parquet").toString(),
                "--output", out.toString());

        assertEquals(0, r.exitCode(), r.all());
        JsonNode params = JSON.readTree(out.resolve("run.json").toFile()).get("params");
        assertEquals("SimpleImputer", params.path("step.pre/num/impute.class").asText(), params.toString());
        assertEquals("StandardScaler", params.path("step.pre/num/scale.class").asText(), params.toString());
        assertEquals("OneHotEncoder", params.path("step.pre/color.class").asText(), params.toString());
        assertEquals("'color'", params.path("step.pre/color.columns").asText(), params.toString());
        assertEquals("passthrough", params.path("step.pre/remainder.class").asText(), params.toString());
        assertEquals("'k','flag'", params.path("step.pre/remainder.columns").asText(), params.toString());
    }

    /**
     * The challenge job with an encoder in its spec, over a table's text columns: the encoder is fitted on the
     * table it scores (its texts surveyed first), then the pickled estimator predicts as scikit-learn did.
     */
    @Test
    void aSpecEncoderOverTextColumnsIsFittedOnTheTableItScores() throws IOException {
        Path fixture = Fixtures.root().resolve("spec-encoders/onehot_texts_logreg");
        Path out = work.resolve("out");
        Shape.Result r = Shape.run(work, Map.of(), "score", "--quiet", "--format", "csv",
                "--spec", fixture.resolve("spec.json").toString(), "--data", fixture.resolve("data.parquet").toString(),
                "--output", out.toString());

        assertEquals(0, r.exitCode(), r.all());
        assertSameAsScikitLearn(expectedLabels(fixture), predictedLabels(out));
        JsonNode fitted = JSON.readTree(out.resolve("fitted_state.json").toFile()).at("/steps/0/attributes");
        assertEquals("[\"L\",\"M\",\"S\",\"XL\"]", fitted.at("/category_texts/1").toString(),
                "the categorical column's texts are saved: " + fitted);
        assertEquals(1.0, fitted.at("/category_none/float64/0").asDouble(), "the None of the text column: " + fitted);
        JsonNode phases = JSON.readTree(out.resolve("metrics.json").toFile()).get("phase_seconds");
        assertTrue(phases.has("survey") && phases.has("fit:onehot"), "the survey is timed apart: " + phases);
    }

    @Test
    void aPipelineFittedOnAnArrayNeedsItsColumnsNamed() throws IOException {
        Path fixture = fixture(false);
        List<String> args = List.of("score", "--quiet", "--format", "csv", "--model",
                fixture.resolve("model.pkl").toString(), "--data", fixture.resolve("data.parquet").toString());
        Shape.Result refused = Shape.run(work, Map.of(), concat(args, "--output", work.resolve("a").toString()));
        assertEquals(3, refused.exitCode(), refused.all());
        assertTrue(refused.err().contains("--features"), refused.err());
        assertFalse(refused.err().contains("\tat "), refused.err());

        String columns = String.join(",", names(JSON.readTree(fixture.resolve("meta.json").toFile()).get("features")));
        Shape.Result r = Shape.run(work, Map.of(), concat(args, "--output", work.resolve("b").toString(),
                "--features", columns));
        assertEquals(0, r.exitCode(), r.all());
        assertSameAsScikitLearn(expectedLabels(fixture), predictedLabels(work.resolve("b")));
    }

    @Test
    void aTableWithoutAColumnTheModelWasFittedOnIsRefusedNamingIt() throws IOException {
        Path fixture = fixture(true);
        List<String> names = names(JSON.readTree(fixture.resolve("meta.json").toFile()).get("feature_names_in"));
        String lacking = names.get(names.size() - 1);
        List<String> kept = names.subList(0, names.size() - 1);
        Path csv = work.resolve("short.csv");
        Files.writeString(csv, String.join(",", kept) + "\n" + String.join(",", kept.stream().map(c -> "1").toList()) + "\n");
        assertRefused(List.of("--model", fixture.resolve("model.pkl").toString(), "--data", csv.toString()),
                "'" + lacking + "'", "its columns are: " + String.join(", ", kept));
    }

    @Test
    void picklesShapeCannotApplyAreRefusedInOneLine() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(REFUSED)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertFalse(cases.isEmpty());
        Path data = fixture(true).resolve("data.parquet");
        for (Path c : cases) {
            // a case with its own table is a pickle that loads, refused for what the table holds
            Optional<Path> table = Fixtures.table(c);
            String expected = table.isPresent() ? JSON.readTree(c.resolve("meta.json").toFile()).get("message").asText()
                    : c.resolve("model.pkl").toString();
            assertRefused(List.of("--model", c.resolve("model.pkl").toString(), "--data",
                    table.orElse(data).toString(),
                    "--output", work.resolve("out-" + c.getFileName()).toString()), expected);
        }
    }

    private void assertRefused(List<String> args, String... expected) throws IOException {
        List<String> all = new ArrayList<>(List.of("score", "--quiet"));
        all.addAll(args);
        Path out = args.contains("--output") ? Path.of(args.get(args.indexOf("--output") + 1)) : work.resolve("out");
        if (!args.contains("--output")) {
            all.addAll(List.of("--output", out.toString()));
        }
        Shape.Result r = Shape.run(work, Map.of(), all.toArray(String[]::new));
        assertEquals(3, r.exitCode(), r.all());
        for (String e : expected) {
            assertTrue(r.err().contains(e), "stderr lacks '" + e + "': " + r.err());
        }
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertEquals(1, r.err().strip().lines().filter(l -> !l.startsWith("output: ")).count(),
                "one line, then where the run's folder is: " + r.err());
        assertEquals("FAILED", JSON.readTree(out.resolve("run.json").toFile()).get("status").asText());
        assertFalse(Files.exists(out.resolve("predictions/_SUCCESS")));
    }

    /** The first fixture fitted on a table (with column names), or on an array (without). */
    private static Path fixture(boolean named) throws IOException {
        try (Stream<Path> s = Files.list(PIPELINES)) {
            for (Path p : s.filter(Files::isDirectory).sorted().toList()) {
                JsonNode names = JSON.readTree(p.resolve("meta.json").toFile()).get("feature_names_in");
                if (named == (names != null && !names.isNull())) {
                    return p;
                }
            }
        }
        throw new AssertionError("no fixture fitted " + (named ? "on a table" : "on an array") + " in " + PIPELINES);
    }

    /** Labels to the letter; a regressor's values within the fixtures' tolerance. */
    private static void assertSameAsScikitLearn(List<String> expected, List<String> got) {
        assertEquals(expected.size(), got.size(), "rows");
        for (int r = 0; r < expected.size(); r++) {
            if (!expected.get(r).equals(got.get(r))) {
                double e = Double.parseDouble(expected.get(r));
                assertTrue(Fixtures.closeEnough(e, Double.parseDouble(got.get(r))),
                        "row " + r + ": " + got.get(r) + " vs scikit-learn's " + expected.get(r));
            }
        }
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }

    private static List<String> expectedLabels(Path fixture) throws IOException {
        List<String> columns = Fixtures.header(fixture.resolve("expected.csv"));
        int prediction = columns.indexOf("prediction");
        return Fixtures.csv(fixture.resolve("expected.csv"), true).stream().map(r -> r[prediction]).toList();
    }

    /** The predictions' labels by row number, read back from the part files. */
    private static List<String> predictedLabels(Path out) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (Stream<Path> s = Files.list(out.resolve("predictions"))) {
            for (Path part : s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                rows.addAll(Fixtures.csv(part, true));
            }
        }
        rows.sort(java.util.Comparator.comparingLong(r -> Long.parseLong(r[0])));
        return rows.stream().map(r -> r[1]).toList();
    }

    private static String[] concat(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
