package io.shape.bootstrap.reliability;

import io.shape.adapters.cli.ShapeCommand;
import io.shape.bootstrap.Wiring;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The real command line in this JVM, wired as {@code ./shape} wires it, in a given working directory. */
final class InProcess {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path SEED_SPEC = REPO.resolve("artifacts/pipeline.jsonc");
    static final Path SEED_MODEL = REPO.resolve("artifacts/model.pkl");
    static final Path SEED_DATA = REPO.resolve("data/dataset.parquet");

    private InProcess() {
    }

    /** The outcome of one command. */
    record Result(int exitCode, String out, String err) {
        String all() {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    /** Lays the seed job out in {@code work} as the repository root has it, so the defaults find it. */
    static void copySeed(Path work) throws IOException {
        Files.createDirectories(work.resolve("artifacts"));
        Files.createDirectories(work.resolve("data"));
        Files.copy(SEED_SPEC, work.resolve("artifacts/pipeline.jsonc"));
        Files.copy(SEED_MODEL, work.resolve("artifacts/model.pkl"));
        Files.copy(SEED_DATA, work.resolve("data/dataset.parquet"));
    }

    static Result run(Path workingDir, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ShapeCommand.run(new Wiring(workingDir, env), new PrintWriter(out, true),
                new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
