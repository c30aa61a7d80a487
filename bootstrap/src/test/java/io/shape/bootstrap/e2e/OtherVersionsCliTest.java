package io.shape.bootstrap.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shape.adapters.persistence.pickle.Fixtures;
import io.shape.bootstrap.inprocess.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code shape score --model} with pickles of other scikit-learn releases ({@code reference/versions.py}): the oldest
 * release shape reads scores like it, a newer one is refused with exit 3 naming the release.
 */
class OtherVersionsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CASE = Path.of("ct_onehot_drop_min_frequency_ordinal_logreg");

    @TempDir
    Path work;

    @Test
    void aPipelinePickledByScikitLearnOneTwoScoresAsItPredicts() throws IOException {
        Path fixture = Fixtures.root().resolve("versions/1.2.2").resolve(CASE);
        Path out = work.resolve("out");
        Shape.Result r = Shape.run(work, Map.of(), "score", "--quiet", "--format", "csv", "--model",
                fixture.resolve("model.pkl").toString(), "--data", fixture.resolve("data.parquet").toString(),
                "--output", out.toString());
        assertEquals(0, r.exitCode(), r.all());
        assertEquals(labels(fixture.resolve("expected.csv")), labels(out.resolve("predictions")));
    }

    @Test
    void aPipelinePickledByScikitLearnOneEightIsRefusedNamingTheRelease() throws IOException {
        Path refused = Fixtures.root().resolve("versions-refused/1.8.0/ct_onehot_drop_maxabs_logreg");
        Path out = work.resolve("out");
        Shape.Result r = Shape.run(work, Map.of(), "score", "--quiet", "--model", refused.resolve("model.pkl").toString(),
                "--data", Fixtures.root().resolve("versions/1.7.2").resolve(CASE).resolve("data.parquet").toString(),
                "--output", out.toString());
        assertEquals(3, r.exitCode(), r.all());
        String message = JSON.readTree(refused.resolve("meta.json").toFile()).get("message").asText();
        assertTrue(r.err().contains(message), r.err());
        assertTrue(r.err().contains("1.8 adds MaxAbsScaler's clip"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertEquals("FAILED", JSON.readTree(out.resolve("run.json").toFile()).get("status").asText());
        assertFalse(Files.exists(out.resolve("predictions/_SUCCESS")));
    }

    /** The prediction column of a CSV file, or of a folder's part files, in row order. */
    private static List<String> labels(Path csv) throws IOException {
        List<Path> files;
        if (Files.isDirectory(csv)) {
            try (var s = Files.list(csv)) {
                files = s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
            }
        } else {
            files = List.of(csv);
        }
        List<String[]> rows = new java.util.ArrayList<>();
        for (Path f : files) {
            rows.addAll(Fixtures.csv(f, true));
        }
        rows.sort(java.util.Comparator.comparingLong(row -> Long.parseLong(row[0])));
        return rows.stream().map(row -> row[1]).toList();
    }
}
