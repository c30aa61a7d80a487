package io.shape.bootstrap;

import io.shape.adapters.cli.ShapeCommand;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The run the launcher makes once after each build, with {@code -XX:ArchiveClassesAtExit}: it scores the
 * bundled seed table with the local engine and with Spark ({@code local[1]}), so the JVM writes the classes
 * those runs load into a class-data-sharing archive. Later runs map the archive instead of finding, parsing
 * and verifying some ten thousand classes in 250 jars, which is most of a small run's time (3.6 s → 2 s for
 * the seed on the local engine).
 *
 * <p>Usage: {@code ClassArchiveTraining PROJECT_DIR SCRATCH_DIR}. Runs in {@code SCRATCH_DIR} with an empty
 * environment, so neither the user's settings nor their run store are touched; exits non-zero when a run
 * fails, and the launcher then throws the archive away.
 */
public final class ClassArchiveTraining {
    private ClassArchiveTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ClassArchiveTraining PROJECT_DIR SCRATCH_DIR");
            System.exit(2);
        }
        System.exit(train(Path.of(args[0]), Path.of(args[1])));
    }

    /** Scores the seed with each engine into {@code scratch}; 0 when both runs succeeded. */
    static int train(Path projectDir, Path scratchDir) throws java.io.IOException {
        Path project = projectDir.toAbsolutePath();
        Path scratch = Files.createDirectories(scratchDir.toAbsolutePath());
        QuietLogging.install(false);
        String spec = project.resolve("artifacts/pipeline.jsonc").toString();
        String data = project.resolve("data/dataset.parquet").toString();
        String model = project.resolve("artifacts/model.pkl").toString();
        int code = score(scratch, spec, data, model, "local", "--output", scratch.resolve("local").toString());
        if (code == 0) {
            code = score(scratch, spec, data, model, "spark", "--master", "local[1]",
                    "--output", scratch.resolve("spark").toString());
        }
        return code;
    }

    private static int score(Path scratch, String spec, String data, String model, String engine,
                             String... more) {
        String[] base = {"score", "--spec", spec, "--data", data, "--model", model, "--engine", engine};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text, true);
        int code = ShapeCommand.run(new Wiring(scratch, Map.of()), out, out, args);
        if (code != 0) {
            System.err.println(text);
        }
        return code;
    }
}
