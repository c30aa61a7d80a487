package io.shape.bootstrap.reliability;

import io.shape.adapters.cli.ShapeCommand;
import io.shape.bootstrap.Wiring;

import java.io.PrintWriter;
import java.io.StringWriter;
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

    static Result run(Path workingDir, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ShapeCommand.run(new Wiring(workingDir, env), new PrintWriter(out, true),
                new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
