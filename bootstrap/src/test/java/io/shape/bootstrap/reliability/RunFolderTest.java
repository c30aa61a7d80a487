package io.shape.bootstrap.reliability;

import io.shape.bootstrap.inprocess.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a careless or hostile command-line user broke after the first round (issue 24): two runs into one
 * output folder, the input table replaced by a rename while the run reads it, a run that fails after its
 * predictions are published, and output folders that hold the run's own inputs. Each ends with one result
 * that tells the truth: never a mixed folder, never {@code _SUCCESS} next to a FAILED record.
 */
@Tag("reliability")
class RunFolderTest {
    private static final Ledger LEDGER = new Ledger(RunFolderTest.class);
    private static final Map<String, String> EVENTS_LOG = Map.of("SHAPE_EVENTS", "log");

    @TempDir
    static Path work;
    static Path table;
    static Path other;

    @BeforeAll
    static void files() throws Exception {
        Shape.copySeed(work);
        table = work.resolve("big.parquet");
        other = work.resolve("other.parquet");
        Shape.generate(work, table, 2_000_000, 7);
        Shape.generate(work, other, 2_000_000, 8);
    }

    @AfterAll
    static void ledger() {
        LEDGER.write();
    }

    @Test
    void twoRunsIntoOneOutputFolderNeverMixTheirFiles() throws Exception {
        try (Ledger.Case c = LEDGER.open("one run per output folder", "twoRunsIntoOneOutputFolderNeverMixTheirFiles",
                "two shape score commands given the same --output at once")) {
            for (int trial = 0; trial < 3; trial++) {
                c.injected();
                Path out = work.resolve("out/shared-" + trial);
                CompletableFuture<Shape.Result> a = CompletableFuture.supplyAsync(() -> score("--output",
                        out.toString()));
                CompletableFuture<Shape.Result> b = CompletableFuture.supplyAsync(() -> score("--output",
                        out.toString()));
                Shape.Result ra = a.get(120, TimeUnit.SECONDS);
                Shape.Result rb = b.get(120, TimeUnit.SECONDS);
                Shape.Result winner = ra.exitCode() == 0 ? ra : rb;
                Shape.Result loser = winner == ra ? rb : ra;
                assertEquals(0, winner.exitCode(), winner.all());
                assertEquals(2, loser.exitCode(), loser.all());
                assertTrue(loser.err().contains("is taken by run"), loser.all());
                String runJson = Files.readString(out.resolve("run.json"));
                assertTrue(runJson.contains("\"SUCCEEDED\""), runJson);
                assertFalse(runJson.contains("FAILED"), "the loser wrote nothing into the folder: " + runJson);
                Predictions.assertComplete(out.resolve("predictions"), 295);
                c.survived();
            }
        }
    }

    @Test
    void aTableReplacedMidRunFailsTheRunOnBothEngines() throws Exception {
        try (Ledger.Case c = LEDGER.open("input identity pinned for the whole run",
                "aTableReplacedMidRunFailsTheRunOnBothEngines",
                "the input renamed over by another table after the first step is fitted (local, spark)")) {
            for (String engine : List.of("local", "spark")) {
                c.injected();
                Path input = work.resolve("input-" + engine + ".parquet");
                Files.copy(table, input, StandardCopyOption.REPLACE_EXISTING);
                Path replacement = work.resolve("replacement-" + engine + ".parquet");
                Files.copy(other, replacement, StandardCopyOption.REPLACE_EXISTING);
                Path out = work.resolve("out/replaced-" + engine);
                Path events = work.resolve("logs/events.jsonl");
                long linesBefore = Files.exists(events) ? Files.readAllLines(events).size() : 0;
                CompletableFuture<Shape.Result> run = CompletableFuture.supplyAsync(() -> Shape.run(work,
                        EVENTS_LOG, "score", "--quiet", "--engine", engine, "--data", input.toString(), "--output",
                        out.toString()));
                awaitStepFitted(events, linesBefore, run);
                Files.move(replacement, input, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Shape.Result r = run.get(300, TimeUnit.SECONDS);
                assertEquals(3, r.exitCode(), r.all());
                assertTrue(r.err().contains("while the run was reading it"), r.all());
                assertFalse(Files.exists(out.resolve("predictions/_SUCCESS")), "nothing published: " + engine);
                assertTrue(Files.readString(out.resolve("run.json")).contains("\"FAILED\""));
                c.survived();
            }
        }
    }

    /** Waits until the run has fitted its first step: its table is pinned and has been read once. */
    private static void awaitStepFitted(Path events, long linesBefore, CompletableFuture<?> run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline && !run.isDone()) {
            if (Files.exists(events)) {
                List<String> lines = Files.readAllLines(events);
                if (lines.stream().skip(linesBefore).anyMatch(l -> l.contains("\"step_fitted\""))) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the run fitted no step in time: " + (run.isDone() ? run.get() : "still running"));
    }

    @Test
    void aRunThatFailsAfterPublishingLeavesNoSuccessMarker() throws Exception {
        try (Ledger.Case c = LEDGER.open("a FAILED run never leaves predictions/_SUCCESS",
                "aRunThatFailsAfterPublishingLeavesNoSuccessMarker",
                "fitted_state.json cannot be written after the predictions are published")) {
            c.injected();
            Path out = work.resolve("out/unwritable-state");
            // a non-empty folder where fitted_state.json goes: the rename onto it fails, as a full disk would
            Files.createDirectories(out.resolve("fitted_state.json"));
            Files.writeString(out.resolve("fitted_state.json/keep"), "x");
            Shape.Result r = score("--output", out.toString());
            assertEquals(1, r.exitCode(), r.all());
            assertTrue(Files.readString(out.resolve("run.json")).contains("\"FAILED\""));
            assertTrue(Files.isDirectory(out.resolve("predictions")), "the engine had published");
            assertFalse(Files.exists(out.resolve("predictions/_SUCCESS")), "but no success is claimed");
            c.survived();
        }
    }

    @Test
    void anOutputFolderHoldingTheRunsInputsIsRefused() throws Exception {
        try (Ledger.Case c = LEDGER.open("validated inputs: exit 0/2/3, a message, no stack trace, no hang, no stray writes",
                "anOutputFolderHoldingTheRunsInputsIsRefused", "--output /, the data folder, the spec's folder")) {
            for (String output : List.of("/", "data", "artifacts", ".")) {
                c.injected();
                Shape.Result r = score("--output", output);
                assertEquals(2, r.exitCode(), output + ": " + r.all());
                assertTrue(r.err().contains("a run's files would mix with what it reads"), r.all());
                assertFalse(r.err().contains("\tat "), r.all());
                assertFalse(Files.exists(work.resolve(output).resolve("run.json")), output);
                c.survived();
            }
        }
    }

    private static Shape.Result score(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "score";
        all[1] = "--quiet";
        System.arraycopy(args, 0, all, 2, args.length);
        return Shape.run(work, Map.of(), all);
    }
}
