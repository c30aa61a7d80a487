package io.shape.bootstrap.reliability;

import io.shape.bootstrap.inprocess.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile tester's inputs of issue 24 through the real command line: pipelines whose widths explode or
 * cannot feed the model, spec files that are not files (FIFO, device, folder), too big or nested too deep,
 * paths with a NUL, model files that are not files, and an output folder that cannot be written. Each ends in
 * exit 2 or 3 within seconds with one line naming the file or field, no stack trace, no {@code _SUCCESS},
 * and — when a run was recorded — the run FAILED in the run store and in run.json, with its failure.log line.
 */
@Tag("reliability")
class HostileSpecTest {
    private static final String PROMISE = "validated inputs: exit 2/3, one line, no stack trace, no hang";
    /** Far more than a refusal needs (it reads no data), far less than the explosion took to run out of memory. */
    private static final Duration PER_CASE = Duration.ofSeconds(20);
    private static final Ledger LEDGER = new Ledger(HostileSpecTest.class);

    @TempDir
    Path work;
    private int caseNumber;

    @BeforeEach
    void seedFiles() throws IOException {
        Shape.copySeed(work);
        Files.createDirectories(work.resolve("inputs"));
    }

    @AfterAll
    static void writeLedger() {
        LEDGER.write();
    }

    @Test
    void featureExplosionIsRefusedBeforeAnyRowIsRead() throws Exception {
        try (Ledger.Case c = LEDGER.open(PROMISE, "featureExplosionIsRefusedBeforeAnyRowIsRead",
                "PolynomialFeatures(3) three times, degree 1000, degree 50 (23,426 columns for a 66-feature model); "
                        + "the data file does not exist, so only a check before reading can answer")) {
            String missingData = work.resolve("inputs/no-such-table.parquet").toString();
            Path thrice = spec("thrice", steps(poly("p1", 3), poly("p2", 3), poly("p3", 3)));
            check(c, List.of("--spec", thrice.toString(), "--data", missingData), true,
                    "step 'p3'", "928,912,524", "66");
            Path huge = spec("huge", steps(poly("p", 1000)));
            check(c, List.of("--spec", huge.toString(), "--data", missingData), true, "step 'p'", "167,668,501", "66");
            Path fifty = spec("fifty", steps(poly("p", 50)));
            check(c, List.of("--spec", fifty.toString(), "--data", missingData), true, "23426", "66");
        }
    }

    @Test
    void specFilesThatAreNotSmallRegularFiles() throws Exception {
        try (Ledger.Case c = LEDGER.open(PROMISE, "specFilesThatAreNotSmallRegularFiles",
                "--spec a FIFO, /dev/zero, a folder, a 2 MiB file, JSON nested 100,000 deep")) {
            for (String notAFile : notFiles("spec.fifo")) {
                check(c, List.of("--spec", notAFile), true, "spec file " + notAFile + ": is not a regular file");
            }
            Path big = work.resolve("inputs/big.jsonc");
            Files.writeString(big, "// " + "x".repeat(2 << 20) + "\n" + Files.readString(Shape.SEED_SPEC));
            check(c, List.of("--spec", big.toString()), true, big.toString(), "MiB");
            Path deep = work.resolve("inputs/deep.jsonc");
            Files.writeString(deep, "{\"steps\": {\"s\": {\"StandardScaler\": {\"x\": " + "[".repeat(100_000)
                    + "]".repeat(100_000) + "}}}, \"model\": \"artifacts/model.pkl\"}");
            check(c, List.of("--spec", deep.toString()), true, deep.toString(), "nested");
        }
    }

    @Test
    void pathsWithNulAreRefusedNamingTheField() throws Exception {
        try (Ledger.Case c = LEDGER.open(PROMISE, "pathsWithNulAreRefusedNamingTheField",
                "a NUL in the spec's \"model\" and in --model, --data, --output, --fitted-state, --spec")) {
            String seed = Files.readString(Shape.SEED_SPEC);
            Path nulModel = work.resolve("inputs/nul-model.jsonc");
            Files.writeString(nulModel, seed.replace("\"artifacts/model.pkl\"", "\"artifacts/mo\\u0000del.pkl\""));
            check(c, List.of("--spec", nulModel.toString()), true, "\"model\"", "not a valid path");
            String nul = work + "/inputs/a\u0000b";
            check(c, List.of("--model", nul), false, "--model", "not a valid path");
            check(c, List.of("--data", nul), false, "--data", "not a valid path");
            check(c, List.of("--fitted-state", nul), false, "--fitted-state", "not a valid path");
            check(c, List.of("--spec", nul), false, "--spec", "not a valid path");
            checkAt(c, nul, List.of(), false, "--output", "not a valid path");
        }
    }

    @Test
    void modelFilesThatAreNotRegularFiles() throws Exception {
        try (Ledger.Case c = LEDGER.open(PROMISE, "modelFilesThatAreNotRegularFiles",
                "--model a FIFO, /dev/zero, a folder; the spec's \"model\" a FIFO")) {
            List<String> notFiles = notFiles("model.fifo");
            for (String notAFile : notFiles) {
                check(c, List.of("--model", notAFile), true, notAFile);
            }
            Path spec = work.resolve("inputs/fifo-model.jsonc");
            Files.writeString(spec, Files.readString(Shape.SEED_SPEC)
                    .replace("\"artifacts/model.pkl\"", "\"" + notFiles.get(0) + "\""));
            check(c, List.of("--spec", spec.toString()), true, "model.fifo");
        }
    }

    @Test
    void fittedStatesThatAreNotRegularFiles() throws Exception {
        try (Ledger.Case c = LEDGER.open(PROMISE, "fittedStatesThatAreNotRegularFiles",
                "--fitted-state a FIFO, /dev/zero, a folder")) {
            for (String notAFile : notFiles("state.fifo")) {
                check(c, List.of("--fitted-state", notAFile), true, "fitted state " + notAFile);
            }
        }
    }

    /**
     * The tester's read-only {@code --output} left the run RUNNING without a failure.log line. Root (as
     * these tests often run) ignores permission bits, so the folder is made unwritable for anyone the one way
     * the kernel enforces for root too: its parent is a regular file, so neither the folder nor run.json in
     * it can be created. When permission bits do hold (not root), a mode-555 folder is tried as well.
     */
    @Test
    void anOutputFolderThatCannotBeWrittenEndsTheRunFailed() throws Exception {
        try (Ledger.Case c = LEDGER.open(PROMISE, "anOutputFolderThatCannotBeWrittenEndsTheRunFailed",
                "--output under a regular file; a mode-555 folder where permissions hold (not as root)")) {
            Path file = work.resolve("inputs/a-file");
            Files.writeString(file, "not a folder");
            checkAt(c, file.resolve("out").toString(), List.of(), true, "a-file");
            Path locked = work.resolve("inputs/locked");
            Files.createDirectories(locked);
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
            try {
                if (!Files.isWritable(locked)) {
                    checkAt(c, locked.toString(), List.of(), true, "locked");
                } else {
                    LEDGER.note("mode-555 output folder skipped: this user ignores permission bits (root)");
                }
            } finally {
                Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    private void check(Ledger.Case c, List<String> args, boolean runExpected, String... named) throws Exception {
        checkAt(c, work.resolve("out/" + (caseNumber++)).toString(), args, runExpected, named);
    }

    /**
     * One case: {@code score --output <out> <args>} must exit 2 or 3 within {@link #PER_CASE}, with one line
     * (besides the summary's {@code output:} line) containing every {@code named} text, no stack trace and no
     * {@code _SUCCESS}; the run, when {@code runExpected} (and only then), is recorded FAILED in the run store
     * and in its run.json, with a new failure.log line.
     */
    private void checkAt(Ledger.Case c, String out, List<String> args, boolean runExpected, String... named)
            throws Exception {
        List<String> all = new ArrayList<>(List.of("score", "--quiet", "--output", out));
        all.addAll(args);
        List<Path> runsBefore = runRecords();
        long logBefore = failureLines();
        c.injected();
        Shape.Result r = assertTimeoutPreemptively(PER_CASE,
                () -> Shape.run(work, Map.of(), all.toArray(String[]::new)), "case " + all);
        String context = "case " + all + "\n" + r.all();
        assertTrue(r.exitCode() == 2 || r.exitCode() == 3, "exit 2 or 3: " + context);
        assertFalse(r.err().contains("\tat "), "no stack trace: " + context);
        List<String> lines = r.err().lines().filter(l -> !l.startsWith("output: ")).toList();
        assertEquals(1, lines.size(), "one line: " + context);
        for (String n : named) {
            assertTrue(lines.get(0).contains(n), "the line names " + n + ": " + context);
        }
        assertTrue(lines.get(0).length() < 600, "a short line: " + context);
        if (out.indexOf('\0') < 0) {
            Path dir = Path.of(out);
            assertFalse(Files.exists(dir.resolve("predictions/_SUCCESS")), "no _SUCCESS: " + context);
            if (Files.isRegularFile(dir.resolve("run.json"))) {
                assertTrue(Files.readString(dir.resolve("run.json")).contains("\"FAILED\""), "run.json FAILED: "
                        + context);
            }
        }
        List<Path> added = new ArrayList<>(runRecords());
        added.removeAll(runsBefore);
        assertEquals(runExpected ? 1 : 0, added.size(), "runs recorded: " + context);
        for (Path record : added) {
            assertTrue(Files.readString(record).contains("\"FAILED\""), "the run store has it FAILED: " + context
                    + "\n" + Files.readString(record));
        }
        assertEquals(added.size(), failureLines() - logBefore, "a failure.log line per failed run: " + context);
        c.survived();
    }

    private List<Path> runRecords() throws IOException {
        Path store = work.resolve(".shape/runs");
        if (!Files.isDirectory(store)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(store)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private long failureLines() throws IOException {
        Path log = work.resolve("logs/failure.log");
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    private Path spec(String name, String steps) throws IOException {
        Path file = work.resolve("inputs/" + name + ".jsonc");
        Files.writeString(file, "{\"steps\": {" + steps + "}, \"model\": \"artifacts/model.pkl\"}");
        return file;
    }

    private static String steps(String... steps) {
        return String.join(", ", steps);
    }

    private static String poly(String name, int degree) {
        return "\"" + name + "\": {\"PolynomialFeatures\": {\"degree\": " + degree + "}}";
    }

    /** Paths that exist but are no regular file: a new FIFO {@code inputs/<fifoName>}, /dev/zero, a folder. */
    private List<String> notFiles(String fifoName) throws IOException, InterruptedException {
        Path fifo = work.resolve("inputs").resolve(fifoName);
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, p.waitFor(), "mkfifo " + fifo);
        return List.of(fifo.toString(), "/dev/zero", work.resolve("inputs").toString());
    }
}
