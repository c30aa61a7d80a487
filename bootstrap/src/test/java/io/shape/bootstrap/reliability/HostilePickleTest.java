package io.shape.bootstrap.reliability;

import io.shape.bootstrap.inprocess.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pickle bombs of issue 24 through the real command line: lists built by sharing (2^51 elements once
 * expanded), sets and dict keys that take 2^50 steps to hash, a megabyte of version text, a one-class SVM
 * without support vectors. Each ends in exit 3 within seconds, with one short line on stderr naming the
 * file (besides the run summary's pointer to the output folder), no stack trace, a bounded heap, no {@code _SUCCESS} and a FAILED run record. The seed re-pickled at
 * protocols 0 and 1 scores every row.
 */
@Tag("reliability")
class HostilePickleTest {
    private static final Duration PER_CASE = Duration.ofSeconds(10);
    /** A refused model costs next to nothing; a bomb that was expanded would fill the test JVM's 2 GiB. */
    private static final long MAX_PEAK_HEAP = 768L << 20;
    private static final int MAX_STDERR_CHARS = 500;
    private static final List<String> BOMBS = List.of("shared_list_kernel.pkl", "shared_list_sklearn_version.pkl",
            "shared_list_support_vectors.pkl", "hash_frozenset_key.pkl", "hash_list_key.pkl",
            "long_sklearn_version.pkl", "zero_support_vectors.pkl");
    private static final Ledger LEDGER = new Ledger(HostilePickleTest.class);

    @TempDir
    Path work;
    private int caseNumber;

    @BeforeEach
    void seedFiles() throws IOException {
        Shape.copySeed(work);
    }

    @AfterAll
    static void writeLedger() {
        LEDGER.write();
    }

    @Test
    void bombsAreRefusedQuicklyInOneShortLine() throws Exception {
        try (Ledger.Case c = LEDGER.open("pickle bombs: exit 3 in seconds, one short line, bounded heap",
                "bombsAreRefusedQuicklyInOneShortLine", "reference/fixtures/hostile: shared-list, hashing, "
                        + "1 MiB version, zero-support-vector pickles")) {
            for (String bomb : BOMBS) {
                Path model = Shape.REPO.resolve("reference/fixtures/hostile").resolve(bomb);
                Path out = work.resolve("out/" + caseNumber++);
                c.injected();
                resetPeakHeap();
                long start = System.nanoTime();
                Shape.Result r = assertTimeoutPreemptively(PER_CASE, () -> Shape.run(work, java.util.Map.of(),
                        "score", "--quiet", "--output", out.toString(), "--spec", "artifacts/pipeline.jsonc", "--model",
                        model.toString()), bomb);
                long millis = (System.nanoTime() - start) / 1_000_000;
                long peak = peakHeap();
                String context = bomb + ": " + excerpt(r.all());
                assertEquals(3, r.exitCode(), context);
                // the run summary's "output: <folder>" pointer follows every run; the failure is one line
                List<String> lines = r.err().lines().filter(l -> !l.startsWith("output: ")).toList();
                assertEquals(1, lines.size(), "one line: " + context);
                String err = lines.get(0);
                assertTrue(err.length() <= MAX_STDERR_CHARS, err.length() + " chars: " + context);
                assertTrue(err.contains(model.toString()), "names the file: " + context);
                assertFalse(err.contains("\tat ") || err.contains("Exception"), "no stack trace: " + context);
                assertTrue(peak <= MAX_PEAK_HEAP, "peak heap " + (peak >> 20) + " MiB: " + context);
                assertFalse(Files.exists(out.resolve("predictions/_SUCCESS")), "no _SUCCESS: " + context);
                assertTrue(Files.readString(out.resolve("run.json")).contains("\"FAILED\""), "run FAILED: " + context);
                LEDGER.note(String.format(Locale.ROOT, "%s: exit 3 in %d ms, peak heap %d MiB, %d chars%s", bomb,
                        millis, peak >> 20, err.length(), err.substring(err.indexOf(bomb) + bomb.length())));
                c.survived();
            }
        }
    }

    @Test
    void protocolZeroAndOnePicklesOfTheSeedScoreEveryRow() throws Exception {
        try (Ledger.Case c = LEDGER.open("old pickle protocols score like the seed",
                "protocolZeroAndOnePicklesOfTheSeedScoreEveryRow", "the seed model at pickle protocols 0 and 1")) {
            for (int protocol = 0; protocol <= 1; protocol++) {
                Path model = Shape.REPO.resolve("reference/fixtures/protocols/seed_protocol" + protocol + ".pkl");
                Path out = work.resolve("out/" + caseNumber++);
                c.injected();
                Shape.Result r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Shape.run(work,
                        java.util.Map.of(), "score", "--quiet", "--output", out.toString(), "--spec", "artifacts/pipeline.jsonc",
                        "--model", model.toString()));
                assertEquals(0, r.exitCode(), "protocol " + protocol + ": " + excerpt(r.all()));
                Predictions.assertComplete(out.resolve("predictions"), 295);
                c.survived();
            }
        }
    }

    private static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the reset: at least the peak of the heap as a whole. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Failure messages stay readable when the output is the megabyte being tested for. */
    private static String excerpt(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + "… (" + s.length() + " chars)";
    }
}
