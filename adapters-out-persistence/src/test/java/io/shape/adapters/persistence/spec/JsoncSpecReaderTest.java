package io.shape.adapters.persistence.spec;

import io.shape.adapters.persistence.NotRegularFiles;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.spec.PipelineSpec;
import io.shape.domain.spec.StepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsoncSpecReaderTest {
    private final JsoncSpecReader reader = new JsoncSpecReader();

    @TempDir
    Path dir;

    @Test
    void readsTheSeedSpecWithItsCommentsAndTheModelInsideSteps() {
        PipelineSpec spec = reader.read(Path.of("../artifacts/pipeline.jsonc"));

        assertEquals("artifacts/model.pkl", spec.modelPath());
        assertEquals(List.of("reduce_dim", "qtransf", "poly_feature", "stdscaler"),
                spec.steps().stream().map(StepSpec::name).toList());
        assertEquals(new StepSpec("reduce_dim", "PolynomialFeatures", Map.of("degree", 2L)), spec.steps().get(0));
        assertEquals(Map.of("output_distribution", "normal"), spec.steps().get(1).params());
        assertEquals(Map.of("with_mean", true, "with_std", true), spec.steps().get(3).params());
        assertEquals(Optional.empty(), spec.features());
        assertEquals(PipelineSpec.DEFAULT_FEATURES, spec.featureColumns());
    }

    @Test
    void readsTopLevelModelFeaturesAndTypedValues() throws IOException {
        PipelineSpec spec = reader.read(write("""
                /* block comment */
                {"steps": {"q": {"QuantileTransformer": {"n_quantiles": 10, "subsample": 1e3,
                                 "quantile_range": [25.0, 75], "random_state": null}}},
                 "model": "m.pkl", "features": ["a", "b"],}
                """));
        Map<String, Object> p = spec.steps().get(0).params();
        assertEquals(10L, p.get("n_quantiles"));
        assertEquals(1000.0, p.get("subsample"));
        assertEquals(List.of(25.0, 75L), p.get("quantile_range"));
        assertTrue(p.containsKey("random_state"));
        assertEquals(Optional.of(List.of("a", "b")), spec.features());
    }

    @Test
    void aMissingModelIsNamed() throws IOException {
        assertMessage("{\"steps\": {\"s\": {\"StandardScaler\": {}}}}", "no \"model\" entry");
    }

    @Test
    void brokenJsonGivesTheLine() throws IOException {
        assertMessage("{\"steps\": {\n\"s\": {\"StandardScaler\": {]}}}", "line 2");
    }

    @Test
    void aStepWithTwoClassesIsRefused() throws IOException {
        assertMessage("{\"steps\": {\"s\": {\"StandardScaler\": {}, \"MinMaxScaler\": {}}, \"model\": \"m\"}}",
                "step 's' must be");
    }

    @Test
    void parametersMustBeAnObject() throws IOException {
        assertMessage("{\"steps\": {\"s\": {\"StandardScaler\": 3}, \"model\": \"m\"}}",
                "step 's' (StandardScaler): parameters must be an object");
    }

    @Test
    void unknownTopLevelEntriesAreRefused() throws IOException {
        assertMessage("{\"steps\": {\"model\": \"m\"}, \"stepz\": {}}", "unknown top-level entry \"stepz\"");
    }

    @Test
    void aMissingFileSaysWhatToDo() {
        ShapeException e = assertThrows(ShapeException.class, () -> reader.read(dir.resolve("nope.jsonc")));
        assertEquals(ErrorKind.INVALID_INPUT, e.kind());
        assertTrue(e.getMessage().contains("--spec"), e.getMessage());
    }

    @Test
    void nestingIsBoundedAndNamesTheFile() throws IOException {
        // 100,000 deep passed Jackson's own limit with no location, and the message lookup threw
        assertMessage("{\"steps\": {\"s\": {\"StandardScaler\": {\"x\": " + "[".repeat(100_000)
                + "]".repeat(100_000) + "}}}, \"model\": \"m\"}", "nested deeper than 64 levels");
    }

    @Test
    void jacksonsOtherLimitsAreNotReportedAsNesting() throws IOException {
        // a 2,000-digit number trips StreamReadConstraints too, which is not a depth problem
        assertMessage("{\"steps\": {\"s\": {\"StandardScaler\": {\"x\": " + "9".repeat(2_000)
                + "}}}, \"model\": \"m\"}", "is beyond what a spec may hold");
    }

    @Test
    void onlyARegularFileIsOpened() throws Exception {
        for (Path notAFile : NotRegularFiles.in(dir)) {
            ShapeException e = NotRegularFiles.refusal(() -> reader.read(notAFile));
            assertEquals(ErrorKind.INVALID_INPUT, e.kind());
            assertEquals("spec file " + notAFile + ": is not a regular file (a folder, FIFO or device); give "
                    + "--spec the path of your pipeline.jsonc", e.getMessage());
        }
    }

    @Test
    void theSizeIsBoundedAtOneMebibyte() throws IOException {
        String spec = "{\"steps\": {\"model\": \"m\", \"s\": {\"StandardScaler\": {}}}}\n// ";
        String atLimit = spec + "x".repeat((1 << 20) - spec.length());
        assertEquals("m", reader.read(write(atLimit)).modelPath());
        assertMessage(atLimit + "x", "is larger than 1 MiB");
    }

    @Test
    void aModelPathThatIsNoPathIsRefusedNamingTheEntry() throws IOException {
        assertMessage("{\"steps\": {\"s\": {\"StandardScaler\": {}}}, \"model\": \"art\\u0000.pkl\"}",
                ": \"model\" 'art\\u0000.pkl' is not a valid path: it contains a NUL character");
    }

    private void assertMessage(String json, String expected) throws IOException {
        Path file = write(json);
        ShapeException e = assertThrows(ShapeException.class, () -> reader.read(file));
        assertEquals(ErrorKind.INVALID_INPUT, e.kind());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    private Path write(String json) throws IOException {
        Path f = dir.resolve("spec.jsonc");
        Files.writeString(f, json);
        return f;
    }
}
