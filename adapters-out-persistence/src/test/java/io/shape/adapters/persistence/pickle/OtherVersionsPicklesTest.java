package io.shape.adapters.persistence.pickle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.pickled.PickledPipeline;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * Pickles written by other scikit-learn releases ({@code reference/versions.py}, one pinned venv each): those of
 * 1.2 to 1.7 load as the estimator and columns their generator recorded, without a warning (a release the fixtures
 * come from); those of older and newer releases are refused in one line naming the release. (Their scores are the
 * engine contract's.)
 */
class OtherVersionsPicklesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> loadable() {
        return cases("versions");
    }

    static Stream<String> refused() {
        return cases("versions-refused");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loadable")
    void picklesOfOneTwoToOneSevenLoadAsTheirGeneratorRecorded(String name) throws IOException {
        Path fixture = Fixtures.root().resolve("versions").resolve(name);
        JsonNode meta = JSON.readTree(fixture.resolve("meta.json").toFile());
        PickledPipeline p = new PickleModelLoader().load(fixture.resolve("model.pkl"));
        String release = meta.at("/libraries/sklearn").asText();
        assertEquals(name.substring(0, name.indexOf('/')), release, "the folder is the release that made it");
        assertEquals(release, p.estimator().describe().get("sklearn_version"), name);
        assertEquals(List.of(), p.estimator().warnings(), name + ": a release the fixtures come from");
        assertEquals(meta.get("estimator").asText(), p.estimator().estimatorClass(), name);
        List<String> names = new ArrayList<>();
        meta.get("feature_names_in").forEach(n -> names.add(n.asText()));
        assertEquals(names, p.featureNames(), name + ": feature_names_in_");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void picklesOfOtherReleasesAreRefusedNamingTheRelease(String name) throws IOException {
        Path fixture = Fixtures.root().resolve("versions-refused").resolve(name);
        String expected = JSON.readTree(fixture.resolve("meta.json").toFile()).get("message").asText();
        Path model = fixture.resolve("model.pkl");
        ShapeException e = assertThrows(ShapeException.class, () -> new PickleModelLoader().load(model));
        assertEquals(ErrorKind.INVALID_INPUT, e.kind(), e.getMessage());
        assertTrue(e.getMessage().startsWith("model file " + model), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    /** {@code <release>/<case>} of every fixture under {@code reference/fixtures/<root>}. */
    private static Stream<String> cases(String root) {
        Path dir = Fixtures.root().resolve(root);
        return folders(dir).flatMap(release -> folders(dir.resolve(release)).map(c -> release + "/" + c));
    }

    private static Stream<String> folders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
