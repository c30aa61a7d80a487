package io.shape.adapters.cli;

import io.shape.application.port.in.RunQueries;
import io.shape.application.port.in.ScoreCommand;
import io.shape.application.port.in.ScoreDatasetUseCase;
import io.shape.domain.ErrorKind;
import io.shape.domain.data.DataFormat;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunError;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunInputs;
import io.shape.domain.run.RunMetrics;
import io.shape.domain.run.RunOutputs;
import io.shape.domain.run.RunStatus;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line against fake services: flags, settings, output and exit codes. */
class ShapeCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> settingsSeen = new HashMap<>();
    private ScoreCommand received;
    private Function<ScoreCommand, Run> outcome = ShapeCommandTest::succeeded;

    @Test
    void scoreUsesTheSettingsAndPrintsTheSummary() {
        int code = run("score", "--engine", "spark", "--conf", "spark.sql.shuffle.partitions=4", "--master", "local[2]");

        assertEquals(0, code, err.toString());
        assertEquals(java.util.Optional.of(Path.of("artifacts/pipeline.jsonc")), received.spec());
        assertEquals("data/dataset.parquet", received.data());
        assertEquals("spark", received.engine());
        assertEquals(DataFormat.PARQUET, received.format());
        assertEquals(Map.of("master", "local[2]", "spark.sql.shuffle.partitions", "4"), received.engineOptions());
        assertTrue(err.toString().contains("31 × -1, 264 × 1"), err.toString());
        assertTrue(err.toString().contains("output: /o"), err.toString());
    }

    /** A fitted pipeline pickle is the whole job: the repository's default spec would add its own steps. */
    @Test
    void aModelWithoutASpecIsTheWholePipeline() {
        assertEquals(0, run("score", "--model", "pipe.pkl", "--features", "b, a"));
        assertEquals(java.util.Optional.empty(), received.spec());
        assertEquals(java.util.Optional.of(Path.of("pipe.pkl")), received.model());
        assertEquals(java.util.List.of("b", "a"), received.features());

        assertEquals(0, run("score", "--model", "m.pkl", "--spec", "s.jsonc"));
        assertEquals(java.util.Optional.of(Path.of("s.jsonc")), received.spec());
        assertEquals(java.util.List.of(), received.features());
    }

    @Test
    void repeatedFeatureColumnsAreAUsageError() {
        assertEquals(2, run("score", "--model", "pipe.pkl", "--features", "a,a"));
        assertTrue(err.toString().contains("--features must list distinct column names"), err.toString());
    }

    @Test
    void jsonPrintsTheRunRecordOnStdout() {
        assertEquals(0, run("score", "--json", "--quiet"));
        assertTrue(out.toString().startsWith("{\"run_id\""), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void anInvalidInputRunExitsThree() {
        outcome = c -> failed(ErrorKind.INVALID_INPUT, "no data to score");
        assertEquals(3, run("score"));
        assertTrue(err.toString().contains("no data to score"), err.toString());
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        assertEquals(2, run("score", "--format", "xlsx"));
        assertTrue(err.toString().contains("unknown --format 'xlsx'"), err.toString());
    }

    @Test
    void anUnknownFlagIsAUsageError() {
        assertEquals(2, run("score", "--nope"));
    }

    @Test
    void anUnreachableRunStoreExitsOneAfterWritingTheResults() {
        outcome = c -> succeeded(c).withService("run_store", "unreachable: connection refused");
        assertEquals(1, run("score"));
        assertTrue(err.toString().contains("run store is unreachable"), err.toString());
    }

    @Test
    void anUnreachablePredictionsSinkExitsOneAfterWritingTheResults() {
        outcome = c -> succeeded(c).withService("predictions_sink", "unreachable: connection refused");
        assertEquals(1, run("score", "--predictions-sink", "postgres"));
        assertEquals("postgres", settingsSeen.get("predictions-sink"));
        assertTrue(err.toString().contains("predictions sink (unreachable: connection refused)"), err.toString());
    }

    @Test
    void aStoredPredictionsSinkExitsZero() {
        outcome = c -> succeeded(c).withService("predictions_sink", "stored 3 rows");
        assertEquals(0, run("score", "--predictions-sink", "postgres"));
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("score"));
        assertTrue(out.toString().contains("runs"));
    }

    @Test
    void eventsFlushSaysWhatIsLeftAndFailsWhileEventsWait() {
        assertEquals(1, run("events", "flush", "--events", "kafka"));
        assertTrue(err.toString().contains("2 events still waiting"), err.toString());
    }

    @Test
    void generateTakesItsSourceFromTheDataSetting() {
        assertEquals(0, run("generate", "--rows", "1000", "--output", "/tmp/g.parquet"));
        assertEquals("data/dataset.parquet 1000 42 /tmp/g.parquet", settingsSeen.get("generated"));
        assertEquals(2, run("generate", "--rows", "0", "--output", "/tmp/g.parquet"));
    }

    @Test
    void reportPrintsThePageOfTheRun() {
        assertEquals(0, run("report", "20261126-060000-0a1b2c3d"));
        assertEquals("20261126-060000-0a1b2c3d", settingsSeen.get("reported"));
        assertTrue(out.toString().contains("/o/20261126-060000-0a1b2c3d/report.html"), out.toString());
        assertEquals(2, run("report", "../etc"));
    }

    @Test
    void scoreAsksForTheReportOnlyWithTheFlag() {
        assertEquals(0, run("score"));
        assertFalse(received.report());
        assertEquals(0, run("score", "--report"));
        assertTrue(received.report());
    }

    @Test
    void runsShowRefusesSomethingThatIsNotARunId() {
        assertEquals(2, run("runs", "show", "../etc"));
    }

    private int run(String... args) {
        return ShapeCommand.run(this::services, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private ShapeServices services(Map<String, String> flags) {
        Map<String, String> settings = new HashMap<>(Map.of("spec", "artifacts/pipeline.jsonc",
                "data", "data/dataset.parquet", "engine", "local", "format", "parquet"));
        settings.putAll(flags);
        settingsSeen.putAll(settings);
        return new ShapeServices() {
            @Override
            public ScoreDatasetUseCase scoring() {
                return (command, listener) -> {
                    received = command;
                    return outcome.apply(command);
                };
            }

            @Override
            public RunQueries runs() {
                return new RunQueries() {
                    @Override
                    public Optional<Run> get(RunId id) {
                        return Optional.empty();
                    }

                    @Override
                    public List<Run> list(Optional<RunStatus> status, int offset, int limit) {
                        return List.of();
                    }
                };
            }

            @Override
            public io.shape.application.port.in.ReportRunUseCase reports() {
                return new io.shape.application.port.in.ReportRunUseCase() {
                    @Override
                    public java.nio.file.Path report(RunId id) {
                        settingsSeen.put("reported", id.value());
                        return java.nio.file.Path.of("/o", id.value(), "report.html");
                    }

                    @Override
                    public java.nio.file.Path report(Run run) {
                        throw new UnsupportedOperationException("not used here");
                    }
                };
            }

            @Override
            public io.shape.application.port.in.GenerateTableUseCase generator() {
                return (source, features, rows, seed, output) -> {
                    settingsSeen.put("generated", source + " " + rows + " " + seed + " " + output);
                    return rows;
                };
            }

            @Override
            public RemoteRuns remote(String server) {
                throw new UnsupportedOperationException("not used here");
            }

            @Override
            public void serve(java.util.function.IntConsumer started) {
                throw new UnsupportedOperationException("not used here");
            }

            @Override
            public int flushEvents() {
                return 2;
            }

            @Override
            public String setting(String key) {
                return settings.get(key);
            }

            @Override
            public String toJson(Run run) {
                return "{\"run_id\":\"" + run.id() + "\"}";
            }

            @Override
            public void close() {
            }
        };
    }

    private static Run base() {
        Instant t = Instant.parse("2026-11-26T06:00:00Z");
        return Run.queued(RunId.create(t), "local", t, RunInputs.of("s", "d"),
                new RunOutputs("/o", "/o/predictions", "/o/metrics.json", "/o/fitted_state.json", "/o/run.json",
                        "parquet")).started(t);
    }

    private static Run succeeded(ScoreCommand c) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        counts.put("-1", 31L);
        counts.put("1", 264L);
        return base().succeeded(Instant.parse("2026-11-26T06:00:01Z"), new RunMetrics(295, List.of(295L, 3L),
                List.of(295L, 66L), List.of("-1", "1"), counts, 1.0, 295.0, Map.of()));
    }

    private static Run failed(ErrorKind kind, String message) {
        return base().failed(Instant.parse("2026-11-26T06:00:01Z"), new RunError(kind, message));
    }
}
