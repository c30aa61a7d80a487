package io.shape.bootstrap;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {
    @TempDir
    Path dir;

    @Test
    void defaultsReproduceTheOriginalJob() {
        Settings s = Settings.resolve(dir, Map.of(), Map.of());
        assertEquals("artifacts/pipeline.jsonc", s.get("spec"));
        assertEquals("data/dataset.parquet", s.get("data"));
        assertEquals("local", s.get("engine"));
        assertEquals("json", s.get("run-store"));
        assertEquals("none", s.get("predictions-sink"));
    }

    @Test
    void aNumberSettingThatIsNotOneIsAUsageErrorNamingTheKey() {
        Settings s = Settings.resolve(dir, Map.of(), Map.of("grpc.run-threads", "two", "grpc.run-queue", "-1"));
        ShapeException words = org.junit.jupiter.api.Assertions.assertThrows(ShapeException.class,
                () -> s.integer("grpc.run-threads", 1));
        assertEquals(ErrorKind.USAGE, words.kind());
        assertTrue(words.getMessage().contains("'grpc.run-threads' is 'two'"), words.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(ShapeException.class, () -> s.integer("grpc.run-queue", 0));
        assertEquals(7070, s.integer("grpc.port", 0));
    }

    /** The kinds of store, sink, tracking and events are constants: a misspelt one is refused naming them. */
    enum Kind { NONE, LOG, KAFKA }

    @Test
    void aChoiceSettingIsOneOfItsConstantsOrAUsageErrorListingThem() {
        Settings s = Settings.resolve(dir, Map.of(), Map.of("events", "kafka", "tracking", "mlfow"));
        assertEquals(Kind.KAFKA, s.choice("events", "events", Kind.class));
        ShapeException e = org.junit.jupiter.api.Assertions.assertThrows(ShapeException.class,
                () -> s.choice("tracking", "tracking", Kind.class));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertEquals("unknown tracking 'mlfow': use none, log or kafka", e.getMessage());
    }

    @Test
    void keysNoPartOfShapeReadsAreRefused() throws IOException {
        Files.writeString(dir.resolve("shape.properties"), "spark.conf.spark.executor.memory=2g\n");
        ShapeException e = org.junit.jupiter.api.Assertions.assertThrows(ShapeException.class,
                () -> Settings.resolve(dir, Map.of(), Map.of()));
        assertEquals(ErrorKind.USAGE, e.kind());
    }

    @Test
    void thePredictionsSinkComesFromTheEnvironmentOrTheFlag() {
        assertEquals("postgres", Settings.resolve(dir, Map.of("SHAPE_PREDICTIONS_SINK", "postgres"), Map.of())
                .get("predictions-sink"));
        assertEquals("none", Settings.resolve(dir, Map.of("SHAPE_PREDICTIONS_SINK", "postgres"),
                Map.of("predictions-sink", "none")).get("predictions-sink"));
    }

    @Test
    void layersAreDefaultsThenFileThenEnvironmentThenFlags() throws IOException {
        Files.writeString(dir.resolve("shape.properties"), "engine=spark\nformat=csv\nlogs.dir=from-file\n");
        Files.writeString(dir.resolve(".env"), "LOGS_DIR=from-dotenv\nDATA_FILE_PATH=\"d.parquet\"\n");
        Settings s = Settings.resolve(dir, Map.of("SHAPE_FORMAT", "parquet", "DATA_FILE_PATH", "env.parquet"),
                Map.of("engine", "local"));
        assertEquals("local", s.get("engine"), "flag over file");
        assertEquals("parquet", s.get("format"), "environment over file");
        assertEquals("from-dotenv", s.get("logs.dir"), ".env over file");
        assertEquals("env.parquet", s.get("data"), "process environment over .env");
    }

    @Test
    void theOriginalProjectsNamesAreUnderstood() {
        Settings s = Settings.resolve(dir, Map.of("PIPELINE_FRAMEWORK", "sparkml", "DB_HOST", "db", "DB_PORT",
                "5433", "DB_NAME", "runs", "DB_PASSWORD", "secret", "TRACE_ENGINE", "mlflow",
                "KAFKA_SERVER", "k:9092", "MLFLOW_TRACKING_URI", "http://127.0.0.1:5000"), Map.of());
        assertEquals("spark", s.get("engine"));
        assertEquals("jdbc:postgresql://db:5433/runs", s.get("postgres.url"));
        assertEquals("mlflow", s.get("tracking"));
        assertEquals("k:9092", s.get("kafka.bootstrap-servers"));
        assertEquals("http://127.0.0.1:5000", s.get("tracking.uri"));
        assertFalse(s.toString().contains("secret"), "passwords are masked");
        assertTrue(s.toString().contains("postgres.password=****"));
    }

    @Test
    void anUnknownKeyInTheConfigFileFailsWithASuggestion() throws IOException {
        Files.writeString(dir.resolve("shape.properties"), "run_store=postgres\n");
        ShapeException e = assertThrows(ShapeException.class, () -> Settings.resolve(dir, Map.of(), Map.of()));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("did you mean 'run-store'"), e.getMessage());
        assertTrue(e.getMessage().contains("shape.properties"), e.getMessage());
    }

    @Test
    void aMissingConfigFileNamedOnTheCommandLineIsAUsageError() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> Settings.resolve(dir, Map.of(), Map.of("config", "nope.properties")));
        assertEquals(ErrorKind.USAGE, e.kind());
    }
}
