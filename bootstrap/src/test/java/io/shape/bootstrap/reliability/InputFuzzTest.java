package io.shape.bootstrap.reliability;

import io.shape.bootstrap.inprocess.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random and hostile inputs through the real command line: mutated pipeline.jsonc, truncated and bit-flipped
 * parquet, mutated and hostile pickles, odd CSVs (10k columns, enormous numbers, NaN/Inf, Unicode paths).
 * Every case ends in exit 0, 3 (invalid input) or 2 (usage) with a message and no stack trace, within its
 * time bound, and writes nothing outside the output folder, logs/ and .shape/. Seeded (printed).
 */
@Tag("reliability")
class InputFuzzTest {
    private static final long SEED = Long.getLong("shape.reliability.seed", System.nanoTime());
    private static final Duration PER_CASE = Duration.ofSeconds(60);
    private static final Set<String> ALLOWED = Set.of("out", "logs", ".shape");
    private static final Ledger LEDGER = new Ledger(InputFuzzTest.class);

    @TempDir
    Path work;
    private final Random random = new Random(SEED);
    private int caseNumber;

    @BeforeEach
    void seedFiles() throws IOException {
        System.out.println("InputFuzzTest seed " + SEED + " (rerun with -Dshape.reliability.seed=" + SEED + ")");
        Shape.copySeed(work);
        Files.createDirectories(work.resolve("inputs"));
    }

    @AfterAll
    static void writeLedger() {
        LEDGER.note("seed " + SEED);
        LEDGER.write();
    }

    @Test
    void mutatedSpecs() throws Exception {
        String seed = Files.readString(Shape.SEED_SPEC);
        try (Ledger.Case c = LEDGER.open("validated inputs: exit 0/2/3, a message, no stack trace, no hang, no stray writes",
                "mutatedSpecs", "pipeline.jsonc with random byte edits, hostile tokens, extreme numbers")) {
            fuzz(c, Integer.getInteger("shape.reliability.specs", 120), i -> {
                Path spec = work.resolve("inputs/spec-" + i + ".jsonc");
                // getBytes, not writeString: an edit may split a surrogate pair, which writeString refuses
                Files.write(spec, mutateText(seed).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return List.of("--spec", spec.toString());
            });
        }
    }

    @Test
    void damagedParquet() throws Exception {
        byte[] seed = Files.readAllBytes(Shape.SEED_DATA);
        try (Ledger.Case c = LEDGER.open("validated inputs: exit 0/2/3, a message, no stack trace, no hang, no stray writes",
                "damagedParquet", "dataset.parquet truncated or with flipped bits")) {
            fuzz(c, 40, i -> {
                Path data = work.resolve("inputs/data-" + i + ".parquet");
                Files.write(data, i % 4 == 0 ? truncate(seed) : flipBits(seed));
                return List.of("--data", data.toString());
            });
        }
    }

    @Test
    void damagedAndHostilePickles() throws Exception {
        byte[] seed = Files.readAllBytes(Shape.SEED_MODEL);
        List<Path> hostile;
        try (Stream<Path> s = Files.list(Shape.REPO.resolve("reference/fixtures/hostile"))) {
            hostile = s.filter(p -> p.toString().endsWith(".pkl")).sorted().toList();
        }
        try (Ledger.Case c = LEDGER.open("safe pickle loading: nothing executes, exit 3",
                "damagedAndHostilePickles", "model.pkl truncated / bit-flipped, and reference/fixtures/hostile/*.pkl")) {
            Path marker = Path.of("/tmp/shape-hostile-pickle-marker");
            Files.deleteIfExists(marker);
            fuzz(c, 40 + hostile.size(), i -> {
                if (i < hostile.size()) {
                    return List.of("--spec", "artifacts/pipeline.jsonc", "--model", hostile.get(i).toString());
                }
                Path model = work.resolve("inputs/model-" + i + ".pkl");
                Files.write(model, i % 4 == 0 ? truncate(seed) : flipBits(seed));
                return List.of("--spec", "artifacts/pipeline.jsonc", "--model", model.toString());
            });
            assertFalse(Files.exists(marker), "a pickle's payload ran");
        }
    }

    @Test
    void oddTables() throws Exception {
        List<String> header = new ArrayList<>(List.of("time", "vibration_x", "vibration_y", "vibration_z"));
        StringBuilder wide = new StringBuilder(String.join(",", header));
        for (int k = 0; k < 10_000; k++) {
            wide.append(",c").append(k);
        }
        wide.append('\n');
        for (int r = 0; r < 50; r++) {
            wide.append(r).append(',').append(r * 0.1).append(',').append(-r).append(',').append(r % 7);
            for (int k = 0; k < 10_000; k++) {
                wide.append(",").append(k);
            }
            wide.append('\n');
        }
        String h = "time,vibration_x,vibration_y,vibration_z\n";
        List<String[]> tables = List.of(
                new String[] {"wide.csv", wide.toString()},
                new String[] {"huge.csv", h + "1,1e308,-1e308,1.7976931348623157e308\n2,4.9e-324,-0.0,1\n3,1,2,3\n"},
                new String[] {"inf.csv", h + "1,Infinity,1,2\n2,1,2,3\n3,4,5,6\n"},
                new String[] {"nan.csv", h + "1,NaN,1,2\n2,1,2,3\n3,4,5,6\n"},
                new String[] {"neg-inf.csv", h + "1,-inf,1,2\n2,1,2,3\n3,4,5,6\n"},
                new String[] {"overflow.csv", h + "1,1e999,1,2\n2,1,2,3\n3,4,5,6\n"},
                new String[] {"long-digits.csv", h + "1," + "9".repeat(5000) + ",1,2\n2,1,2,3\n3,4,5,6\n"},
                new String[] {"bom.csv", "\uFEFF" + h + "1,1,2,3\n2,2,3,4\n3,3,4,5\n"},
                new String[] {"ragged.csv", h + "1,1,2\n2,2,3,4,5\n"},
                new String[] {"quoted.csv", h + "1,\"1\",\"2,5\",3\n"},
                new String[] {"données/数据 ✓.csv", h + "1,1,2,3\n2,2,3,4\n3,3,4,5\n4,1,1,1\n"},
                new String[] {"nul.csv", h + "1,\u0000,2,3\n"});
        try (Ledger.Case c = LEDGER.open("validated inputs: exit 0/2/3, a message, no stack trace, no hang, no stray writes",
                "oddTables", "10k-column CSV, 1e308/1e999/denormals, NaN/Inf, Unicode path, BOM, ragged rows, NUL")) {
            fuzz(c, tables.size(), i -> {
                Path data = work.resolve("inputs").resolve(tables.get(i)[0]);
                Files.createDirectories(data.getParent());
                Files.writeString(data, tables.get(i)[1], StandardCharsets.UTF_8);
                return List.of("--data", data.toString());
            });
        }
        // A Unicode output path too.
        Path out = work.resolve("out/résultats ✓/日本");
        Shape.Result r = Shape.run(work, java.util.Map.of(), "score", "--output", out.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.all());
        Predictions.assertComplete(out.resolve("predictions"), 295);
    }

    /** One case: the arguments that replace the seed's (written into inputs/ before the snapshot). */
    @FunctionalInterface
    private interface CaseArgs {
        List<String> make(int i) throws IOException;
    }

    private void fuzz(Ledger.Case c, int count, CaseArgs cases) throws Exception {
        List<List<String>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(cases.make(i));
        }
        FileTree before = FileTree.of(work);
        int[] exits = new int[4];
        int failedRuns = 0;
        Path failureLog = work.resolve("logs/failure.log");
        long loggedBefore = Files.exists(failureLog) ? Files.readAllLines(failureLog).size() : 0;
        for (int i = 0; i < count; i++) {
            Path out = work.resolve("out/" + (caseNumber++));
            List<String> args = new ArrayList<>(List.of("score", "--quiet", "--output", out.toString()));
            args.addAll(all.get(i));
            c.injected();
            Shape.Result r = assertTimeoutPreemptively(PER_CASE,
                    () -> Shape.run(work, java.util.Map.of(), args.toArray(String[]::new)), "case " + args);
            String context = "case " + args + "\n" + r.all();
            assertTrue(r.exitCode() == 0 || r.exitCode() == 2 || r.exitCode() == 3, "exit 0, 2 or 3: " + context);
            assertFalse(r.err().contains("\tat "), "no stack trace: " + context);
            if (r.exitCode() != 0) {
                assertTrue(r.err().strip().length() > 10, "a message: " + context);
                assertFalse(r.err().contains("unexpected error"), "a clear message: " + context);
            }
            exits[r.exitCode()]++;
            if (Files.exists(out.resolve("run.json")) && Files.readString(out.resolve("run.json")).contains("\"FAILED\"")) {
                failedRuns++;
            }
            c.survived();
        }
        long logged = (Files.exists(failureLog) ? Files.readAllLines(failureLog).size() : 0) - loggedBefore;
        assertEquals(failedRuns, logged, "every failed run has its line in logs/failure.log");
        assertEquals(Set.of(), FileTree.of(work).changedOutside(before, ALLOWED), "writes outside the output folder");
        LEDGER.note(String.format(Locale.ROOT, "%d cases: %d exit 0, %d exit 2, %d exit 3", count, exits[0], exits[2],
                exits[3]));
    }

    private static final String[] TOKENS = {"{", "}", "[", "]", ":", ",", "\"", "1e999", "-1", "NaN", "null", "true",
        "\"StandardScalr\"", "\u0000", "\uFFFF", "//", "/*", "\"degree\": 1000000", "\"degree\": -3", "9".repeat(400),
        "\"n_quantiles\": 0", "\"n_quantiles\": 2147483648", "\"output_distribution\": \"weird\"", "\"steps\": {}",
        "\"model\": \"../../../../etc/passwd\"", "\"model\": \"/dev/zero\"", "\"features\": []",
        "\"features\": [\"vibration_x\", \"vibration_x\"]", "1.7976931348623157e309", "-0", "1e-400", "\"🙂\""};

    private String mutateText(String seed) {
        StringBuilder s = new StringBuilder(seed);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(s.length() + 1);
            switch (random.nextInt(5)) {
                case 0 -> s.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 1 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(20)));
                case 2 -> {
                    if (at < s.length()) {
                        s.setCharAt(at, (char) (s.charAt(at) ^ (1 << random.nextInt(7))));
                    }
                }
                case 3 -> {
                    int end = Math.min(s.length(), at + random.nextInt(40));
                    s.insert(end, s.substring(at, end));
                }
                default -> {
                    String text = s.toString();
                    String[] numbers = {"2", "true", "\"normal\""};
                    String target = numbers[random.nextInt(numbers.length)];
                    int where = text.indexOf(target, random.nextInt(Math.max(1, text.length() / 2)));
                    if (where >= 0) {
                        s.replace(where, where + target.length(), TOKENS[7 + random.nextInt(TOKENS.length - 7)]);
                    }
                }
            }
        }
        return s.toString();
    }

    private byte[] truncate(byte[] seed) {
        return java.util.Arrays.copyOf(seed, random.nextInt(seed.length));
    }

    private byte[] flipBits(byte[] seed) {
        byte[] b = seed.clone();
        int flips = 1 + random.nextInt(8);
        for (int f = 0; f < flips; f++) {
            int at = random.nextInt(b.length);
            b[at] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
    }
}
