package io.shape.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shape.bootstrap.inprocess.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input gets one clear line, exit 3, a FAILED run.json, no _SUCCESS and a line in logs/failure.log —
 * whatever is wrong: the spec, the data or the model.
 */
class BadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void aMissingSpec() throws IOException {
        assertFailsCleanly(List.of("--spec", work.resolve("nope.jsonc").toString()), "spec file", "not found");
    }

    @Test
    void missingData() throws IOException {
        assertFailsCleanly(List.of("--data", work.resolve("nope.parquet").toString()), "nope.parquet");
    }

    @Test
    void aMissingModel() throws IOException {
        assertFailsCleanly(List.of("--model", work.resolve("nope.pkl").toString()), "nope.pkl", "not found");
    }

    @Test
    void dataWithoutTheFeatureColumns() throws IOException {
        Path csv = write("other.csv", "time,a,b\n1,2,3\n");
        assertFailsCleanly(List.of("--data", csv.toString()), "vibration_x");
    }

    @Test
    void aNonNumericFeatureColumn() throws IOException {
        Path csv = write("text.csv", "time,vibration_x,vibration_y,vibration_z\n1,abc,2,3\n");
        assertFailsCleanly(List.of("--data", csv.toString()), "vibration_x");
    }

    @Test
    void zeroRows() throws IOException {
        Path csv = write("empty.csv", "time,vibration_x,vibration_y,vibration_z\n");
        assertFailsCleanly(List.of("--data", csv.toString()), "no data to score");
    }

    @Test
    void missingValuesWithoutAnImputer() throws IOException {
        Path csv = write("nan.csv", "time,vibration_x,vibration_y,vibration_z\n1,1,2,3\n2,,2,3\n3,nan,2,3\n4,1,2,3\n");
        assertFailsCleanly(List.of("--data", csv.toString()), "vibration_x", "2", "SimpleImputer");
    }

    @Test
    void aModelExpectingAnotherFeatureCount() throws IOException {
        Path spec = write("short.jsonc", """
                // one PolynomialFeatures step: 3 -> 10 columns, but the model wants 66
                {"steps": {"poly": {"PolynomialFeatures": {"degree": 2}}}, "model": "%s"}
                """.formatted(Shape.SEED_MODEL));
        assertFailsCleanly(List.of("--spec", spec.toString()), "66", "10");
    }

    @Test
    void anUnknownScikitLearnClass() throws IOException {
        Path spec = write("unknown.jsonc", """
                {"steps": {"s": {"StandardScalr": {}}}, "model": "%s"}
                """.formatted(Shape.SEED_MODEL));
        assertFailsCleanly(List.of("--spec", spec.toString()), "StandardScalr");
    }

    @Test
    void aHostilePickle() throws IOException {
        Path marker = Path.of("/tmp/shape-hostile-pickle-marker");
        Files.deleteIfExists(marker);
        assertFailsCleanly(List.of("--model",
                Shape.REPO.resolve("reference/fixtures/hostile/os_system.pkl").toString()), "not allowed");
        assertFalse(Files.exists(marker), "the pickle's payload must never run");
    }

    /** The URI reaches the run as typed (not collapsed to hdfs:/ by a path) and is refused before any folder. */
    @Test
    void anOutputUriForTheLocalEngineIsAUsageErrorNamingIt() throws IOException {
        Shape.Result r = Shape.run(work, Map.of(), "score", "--spec", Shape.SEED_SPEC.toString(), "--model",
                Shape.SEED_MODEL.toString(), "--data", Shape.SEED_DATA.toString(), "--output", "hdfs:///runs/today");

        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("not to hdfs:///runs/today: use --engine spark"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace for the user: " + r.err());
        List<String> log = Files.readAllLines(work.resolve("logs/failure.log"));
        assertEquals(1, log.size());
        assertTrue(log.get(0).contains("hdfs:///runs/today"), log.get(0));
        try (var files = Files.list(work)) {
            assertEquals(List.of(".shape", "logs"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "shape's own state and the failure log, no folder made for the refused output");
        }
    }

    private void assertFailsCleanly(List<String> overrides, String... expected) throws IOException {
        Path out = work.resolve("out");
        List<String> args = new ArrayList<>(List.of("score", "--spec", Shape.SEED_SPEC.toString(), "--model",
                Shape.SEED_MODEL.toString(), "--data", Shape.SEED_DATA.toString(), "--output", out.toString()));
        for (int i = 0; i < overrides.size(); i += 2) {
            int at = args.indexOf(overrides.get(i));
            if (at >= 0) {
                args.set(at + 1, overrides.get(i + 1));
            } else {
                args.add(overrides.get(i));
                args.add(overrides.get(i + 1));
            }
        }
        Shape.Result r = Shape.run(work, Map.of(), args.toArray(String[]::new));

        assertEquals(3, r.exitCode(), r.err());
        for (String e : expected) {
            assertTrue(r.err().contains(e), "stderr lacks '" + e + "': " + r.err());
        }
        assertFalse(r.err().contains("\tat "), "no stack trace for the user: " + r.err());
        JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
        assertEquals("FAILED", run.get("status").asText());
        assertEquals("INVALID_INPUT", run.at("/error/kind").asText());
        assertFalse(Files.exists(out.resolve("predictions/_SUCCESS")));
        List<String> log = Files.readAllLines(work.resolve("logs/failure.log"));
        assertEquals(1, log.size());
        assertTrue(log.get(0).contains(run.get("run_id").asText()));
    }

    private Path write(String name, String content) throws IOException {
        Path f = work.resolve(name);
        Files.writeString(f, content);
        return f;
    }
}
