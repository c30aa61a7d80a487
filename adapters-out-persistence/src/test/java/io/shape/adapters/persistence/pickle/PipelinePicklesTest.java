package io.shape.adapters.persistence.pickle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shape.domain.ShapeException;
import io.shape.domain.pickled.PickledPipeline;
import io.shape.domain.transform.FrozenStep;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fitted {@code Pipeline} pickles made by scikit-learn 1.6.1 ({@code reference/pipelines.py}) load as the
 * steps, paths, estimator and column names the generator recorded; the ones shape cannot apply are refused in
 * one bounded line naming the file. (Their scores are the engine contract's.)
 */
class PipelinePicklesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> loadable() throws IOException {
        return folders(Fixtures.root().resolve("pipelines"));
    }

    /** The pickles refused when loaded; a case with its own table loads and is refused when it is scored. */
    static Stream<String> refused() throws IOException {
        Path root = Fixtures.root().resolve("pipelines-refused");
        return folders(root).filter(name -> Fixtures.table(root.resolve(name)).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loadable")
    void loadsTheStepsTheGeneratorRecorded(String name) throws IOException {
        Path fixture = Fixtures.root().resolve("pipelines").resolve(name);
        JsonNode meta = JSON.readTree(fixture.resolve("meta.json").toFile());
        PickledPipeline p = new PickleModelLoader().load(fixture.resolve("model.pkl"));

        List<String> paths = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        meta.get("steps").forEach(s -> {
            paths.add(s.get("path").asText());
            classes.add(s.get("class").asText());
        });
        assertEquals(paths, p.steps().stream().map(FrozenStep::name).toList(), name + ": step paths");
        assertEquals(classes, p.steps().stream().map(FrozenStep::sklearnClass).toList(), name + ": classes");
        assertEquals(meta.get("estimator").asText(), p.estimator().estimatorClass(), name);
        List<String> names = new ArrayList<>();
        JsonNode recorded = meta.get("feature_names_in");
        if (recorded != null && !recorded.isNull()) {
            recorded.forEach(n -> names.add(n.asText()));
        }
        assertEquals(names, p.featureNames(), name + ": feature_names_in_");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void picklesShapeCannotApplyAreRefusedNamingTheFile(String name) {
        Path model = Fixtures.root().resolve("pipelines-refused").resolve(name).resolve("model.pkl");
        ShapeException e = assertThrows(ShapeException.class, () -> new PickleModelLoader().load(model));
        assertTrue(e.getMessage().startsWith("model file " + model), e.getMessage());
        assertTrue(e.getMessage().length() <= 600, e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        String expected = switch (name) {
            // a class outside the list is refused by its place in the pipeline, its state never read
            case "function_transformer" -> "step 'log' is sklearn.preprocessing._function_transformer.FunctionTransformer";
            case "unsupported_class" -> "step 'select' is sklearn.feature_selection._variance_threshold.VarianceThreshold";
            case "unfitted" -> "step 'scale' (StandardScaler) is not fitted";
            case "ends_in_transformer" -> "the pipeline ends in MinMaxScaler at 'minmax', a transformer";
            case "truncated" -> "not a readable pickle";
            default -> throw new AssertionError("a refused fixture without an expected message: " + name);
        };
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static Stream<String> folders(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }
}
