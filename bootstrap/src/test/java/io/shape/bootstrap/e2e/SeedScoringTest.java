package io.shape.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shape.bootstrap.inprocess.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The original job end to end, as a user runs it: the seed files scored by the local engine give
 * scikit-learn's answer (31 × -1, 264 × 1) and its decision values.
 */
class SeedScoringTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SEED_PREDICTIONS = Shape.REPO.resolve("reference/fixtures/seed/predictions.csv");

    @TempDir
    Path work;

    @Test
    void theSeedGivesScikitLearnsPredictions() throws IOException {
        Path out = work.resolve("out");
        Shape.Result r = Shape.run(work, Map.of(), "score", "--spec", Shape.SEED_SPEC.toString(), "--model", Shape.SEED_MODEL.toString(),
                "--data", Shape.SEED_DATA.toString(), "--format", "csv", "--output", out.toString());

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("31 × -1, 264 × 1"), r.err());
        assertMatchesReference(Scored.inFolder(out.resolve("predictions")));
        assertTrue(Files.exists(out.resolve("predictions/_SUCCESS")));

        JsonNode metrics = JSON.readTree(out.resolve("metrics.json").toFile());
        assertEquals(295, metrics.get("rows").asInt());
        assertEquals(List.of(295, 66), List.of(metrics.at("/transformed_data_shape/0").asInt(),
                metrics.at("/transformed_data_shape/1").asInt()));
        assertEquals(31, metrics.at("/prediction_counts/-1").asInt());
        JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
        assertEquals("SUCCEEDED", run.get("status").asText());
        assertEquals(Shape.SEED_MODEL.toString(), run.at("/inputs/model_path").asText());
        assertEquals("OneClassSVM", run.at("/inputs/model_class").asText());

        Shape.Result list = Shape.run(work, Map.of(), "runs", "list");
        assertTrue(list.out().contains(run.get("run_id").asText()), list.out());
    }

    @Test
    void theDefaultsReproduceTheOriginalJobFromTheRepositoryRoot() throws IOException {
        Shape.copySeed(work);

        Shape.Result r = Shape.run(work, Map.of(), "score", "--json");

        assertEquals(0, r.exitCode(), r.err());
        JsonNode run = JSON.readTree(r.out());
        Path outDir = Path.of(run.at("/outputs/directory").asText());
        assertEquals(work.resolve("output").resolve(run.get("run_id").asText()), outDir);
        assertTrue(Files.exists(outDir.resolve("predictions/_SUCCESS")));
        assertTrue(Files.isRegularFile(work.resolve("logs/events.jsonl")), "the default events log");
    }

    @Test
    void frozenStateReproducesTheRunAndScoresOtherDataWithTheSameStatistics() throws IOException {
        Path first = work.resolve("first");
        assertEquals(0, Shape.run(work, Map.of(), "score", "--spec", Shape.SEED_SPEC.toString(), "--model", Shape.SEED_MODEL.toString(), "--data",
                Shape.SEED_DATA.toString(), "--format", "csv", "--output", first.toString()).exitCode());
        Path state = first.resolve("fitted_state.json");

        Path again = work.resolve("again");
        Shape.Result r = Shape.run(work, Map.of(), "score", "--spec", Shape.SEED_SPEC.toString(), "--model", Shape.SEED_MODEL.toString(), "--data",
                Shape.SEED_DATA.toString(), "--format", "csv", "--output", again.toString(), "--fitted-state",
                state.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(Scored.inFolder(first.resolve("predictions")), Scored.inFolder(again.resolve("predictions")));

        // Other data: the first 100 seed rows. Frozen statistics keep each row's score as in the full run;
        // fitting on the subset would change them.
        Path subset = work.resolve("subset.csv");
        List<String> lines = Files.readAllLines(Shape.REPO.resolve("reference/fixtures/seed/data.csv"));
        Files.write(subset, lines.subList(0, 101));
        Path frozen = work.resolve("frozen");
        assertEquals(0, Shape.run(work, Map.of(), "score", "--spec", Shape.SEED_SPEC.toString(), "--model", Shape.SEED_MODEL.toString(), "--data",
                subset.toString(), "--format", "csv", "--output", frozen.toString(), "--fitted-state",
                state.toString()).exitCode());
        Path refit = work.resolve("refit");
        assertEquals(0, Shape.run(work, Map.of(), "score", "--spec", Shape.SEED_SPEC.toString(), "--model", Shape.SEED_MODEL.toString(), "--data",
                subset.toString(), "--format", "csv", "--output", refit.toString()).exitCode());

        List<Scored> full = Scored.inFolder(first.resolve("predictions")).subList(0, 100);
        assertEquals(full, Scored.inFolder(frozen.resolve("predictions")));
        assertTrue(!full.equals(Scored.inFolder(refit.resolve("predictions"))), "refitting changes the answers");
        assertEquals(JSON.readTree(state.toFile()), JSON.readTree(frozen.resolve("fitted_state.json").toFile()));
    }

    static void assertMatchesReference(List<Scored> ours) throws IOException {
        List<Scored> reference = Scored.inFile(SEED_PREDICTIONS);
        assertEquals(reference.size(), ours.size());
        int flips = 0;
        double worst = 0;
        for (int i = 0; i < reference.size(); i++) {
            assertEquals(i, ours.get(i).row());
            if (!reference.get(i).prediction().equals(ours.get(i).prediction())) {
                flips++;
            }
            worst = Math.max(worst, Math.abs(reference.get(i).decision() - ours.get(i).decision()));
        }
        assertEquals(0, flips, "label flips");
        assertTrue(worst <= 1e-9, "largest decision difference " + worst);
    }
}
