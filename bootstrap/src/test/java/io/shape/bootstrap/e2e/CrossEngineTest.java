package io.shape.bootstrap.e2e;

import io.shape.bootstrap.inprocess.Shape;
import org.junit.jupiter.api.BeforeAll;
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
 * Spark executes, the domain decides: the Spark engine gives the local engine's answers — on the seed, and
 * on a generated 200k-row table both with the quantile sample (200k rows > subsample 10 000, so the sample
 * must be engine-independent) and without it.
 */
class CrossEngineTest {
    @TempDir
    static Path work;

    private static Path table;

    @BeforeAll
    static void generate() {
        table = work.resolve("g200k.parquet");
        Shape.generate(work, table, 200_000, 7);
    }

    @Test
    void sparkGivesScikitLearnsAnswerOnTheSeed() throws IOException {
        Path out = work.resolve("seed-spark");
        Shape.Result r = Shape.run(work, Map.of(), "score", "--engine", "spark", "--master", "local[2]",
                "--spec", Shape.SEED_SPEC.toString(), "--model", Shape.SEED_MODEL.toString(), "--data",
                Shape.SEED_DATA.toString(), "--format", "csv", "--output", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("31 × -1, 264 × 1"), r.err());
        SeedScoringTest.assertMatchesReference(Scored.inFolder(out.resolve("predictions")));
    }

    @Test
    void enginesAgreeWhenTheQuantileStepSamples() throws IOException {
        assertEnginesAgree(Shape.SEED_SPEC, "sampled");
    }

    @Test
    void enginesAgreeWhenTheQuantileStepSeesEveryRow() throws IOException {
        Path spec = work.resolve("full-sample.jsonc");
        Files.writeString(spec, Files.readString(Shape.SEED_SPEC)
                .replace("\"output_distribution\":\"normal\"", "\"output_distribution\":\"normal\", \"subsample\": 200000"));
        assertTrue(Files.readString(spec).contains("200000"));
        assertEnginesAgree(spec, "full");
    }

    private static void assertEnginesAgree(Path spec, String name) throws IOException {
        Path local = work.resolve(name + "-local");
        Path spark = work.resolve(name + "-spark");
        Shape.Result l = Shape.run(work, Map.of(), "score", "--engine", "local", "--spec", spec.toString(),
                "--model", Shape.SEED_MODEL.toString(), "--data", table.toString(), "--format", "csv", "--output",
                local.toString());
        assertEquals(0, l.exitCode(), l.err());
        Shape.Result s = Shape.run(work, Map.of(), "score", "--engine", "spark", "--master", "local[2]", "--conf",
                "spark.sql.shuffle.partitions=4", "--spec", spec.toString(), "--model", Shape.SEED_MODEL.toString(),
                "--data", table.toString(), "--format", "csv", "--output", spark.toString());
        assertEquals(0, s.exitCode(), s.err());

        List<Scored> a = Scored.inFolder(local.resolve("predictions"));
        List<Scored> b = Scored.inFolder(spark.resolve("predictions"));
        assertEquals(200_000, a.size());
        assertEquals(a.size(), b.size());
        int flips = 0;
        double worst = 0;
        for (int i = 0; i < a.size(); i++) {
            assertEquals(i, a.get(i).row());
            assertEquals(i, b.get(i).row());
            if (!a.get(i).prediction().equals(b.get(i).prediction())) {
                flips++;
            }
            worst = Math.max(worst, Math.abs(a.get(i).decision() - b.get(i).decision()));
        }
        assertEquals(0, flips, "label flips between engines");
        assertTrue(worst <= 1e-12, "largest decision difference between engines: " + worst);
    }
}
