package io.shape.bootstrap.inprocess;

import io.shape.adapters.cli.ShapeCommand;
import io.shape.bootstrap.Wiring;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The real command line in this JVM, wired as {@code ./shape} wires it, in a given working directory; and
 * the seed job it is usually given. One runner for the end-to-end and the reliability tests.
 */
public final class Shape {
    public static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    public static final Path SEED_SPEC = REPO.resolve("artifacts/pipeline.jsonc");
    public static final Path SEED_MODEL = REPO.resolve("artifacts/model.pkl");
    public static final Path SEED_DATA = REPO.resolve("data/dataset.parquet");

    private Shape() {
    }

    /** The outcome of one command. */
    public record Result(int exitCode, String out, String err) {
        /** Everything the command said, for assertion messages. */
        public String all() {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    public static Result run(Path workingDir, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ShapeCommand.run(new Wiring(workingDir, env), new PrintWriter(out, true),
                new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** {@code shape generate}: {@code rows} rows drawn from the seed data into {@code table}; fails if it fails. */
    public static void generate(Path workingDir, Path table, long rows, int seed) {
        Result r = run(workingDir, Map.of(), "generate", "--rows", Long.toString(rows), "--seed",
                Integer.toString(seed), "--source", SEED_DATA.toString(), "--output", table.toString());
        assertEquals(0, r.exitCode(), r.all());
    }

    /** Lays the seed spec and model out in {@code work} as the repository root has them, so the defaults find them. */
    public static void copySeedArtifacts(Path work) throws IOException {
        Files.createDirectories(work.resolve("artifacts"));
        Files.copy(SEED_SPEC, work.resolve("artifacts/pipeline.jsonc"));
        Files.copy(SEED_MODEL, work.resolve("artifacts/model.pkl"));
    }

    /** The seed job as the repository root has it, the data included: {@code shape score} alone scores it. */
    public static void copySeed(Path work) throws IOException {
        copySeedArtifacts(work);
        Files.createDirectories(work.resolve("data"));
        Files.copy(SEED_DATA, work.resolve("data/dataset.parquet"));
    }
}
