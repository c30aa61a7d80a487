package io.shape.bootstrap.reliability;

import io.shape.bootstrap.Main;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./shape} as a separate JVM ({@link Main} on the test classpath), so that a test can kill it with
 * SIGKILL as a crash would. Only processes started here are ever killed, by their handle.
 */
final class ShapeJvm {
    private ShapeJvm() {
    }

    /** A finished command. */
    record Result(int exitCode, String out, String err) {
    }

    /** Starts {@code shape args...} in {@code workingDir}; stdout and stderr go to files next to it. */
    static Process start(Path workingDir, Map<String, String> env, Path logPrefix, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectOutput(logPrefix.resolveSibling(logPrefix.getFileName() + ".out").toFile())
                .redirectError(logPrefix.resolveSibling(logPrefix.getFileName() + ".err").toFile());
        // The child sees only what the test gives it, not the services of the surrounding shell.
        pb.environment().keySet().removeIf(k -> k.startsWith("SHAPE_") || k.startsWith("DB_")
                || k.startsWith("MLFLOW_") || k.startsWith("KAFKA_") || k.equals("TRACE_ENGINE"));
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Runs to the end (bounded by {@code limit}, else killed and reported as exit -1). */
    static Result run(Path workingDir, Map<String, String> env, Duration limit, String... args)
            throws IOException, InterruptedException {
        Path logs = Files.createTempDirectory(workingDir.getParent(), "jvm-");
        Path prefix = logs.resolve("shape");
        Process p = start(workingDir, env, prefix, args);
        int code;
        if (p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            code = p.exitValue();
        } else {
            p.destroyForcibly().waitFor();
            code = -1;
        }
        return new Result(code, Files.readString(logs.resolve("shape.out")), Files.readString(logs.resolve("shape.err")));
    }
}
