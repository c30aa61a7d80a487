package io.shape.bootstrap.sparkml;

import io.shape.adapters.tracking.Prerequisites;
import io.shape.bootstrap.inprocess.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PySpark wrapper ({@code python/shape_spark}) from a real PySpark of shape's Spark version (the venv of
 * {@code .ci/pyspark-venv.sh}), with shape's jars on the driver's classpath: fit, transform, save/load, a
 * Pipeline saved and loaded in Python, the SQL function, and a refusal surfacing as PySpark's
 * IllegalArgumentException — each compared, in Spark and bit for bit, with the local engine's predictions for the
 * seed and for a generated 1M-row table.
 */
class PySparkStagesTest {
    @TempDir
    Path work;

    @Test
    void thePySparkWrapperScoresTheSeedAsTheLocalEngine() throws Exception {
        check(Shape.SEED_DATA, "seed");
    }

    @Test
    void thePySparkWrapperScoresAMillionGeneratedRowsAsTheLocalEngine() throws Exception {
        Path table = work.resolve("generated.parquet");
        Shape.Result generated = Shape.run(work, Map.of(), "generate", "--rows", "1000000", "--seed", "13",
                "--source", Shape.SEED_DATA.toString(), "--output", table.toString());
        assertEquals(0, generated.exitCode(), generated.all());
        check(table, "generated");
    }

    /** Runs check_stages.py on {@code data} against the local engine's predictions for it. */
    private void check(Path data, String name) throws Exception {
        Path python = Prerequisites.require(Prerequisites.locate("shape.pyspark.python", "SHAPE_PYSPARK_PYTHON",
                Shape.REPO.resolve(".ci/.venv-pyspark/bin/python")), "PySpark's python",
                "run `bash .ci/pyspark-venv.sh` or set SHAPE_PYSPARK_PYTHON");
        Path expected = work.resolve("local-" + name);
        Shape.Result local = Shape.run(work, Map.of(), "score", "--spec", Shape.SEED_SPEC.toString(), "--model",
                Shape.SEED_MODEL.toString(), "--data", data.toString(), "--engine", "local",
                "--output", expected.toString());
        assertEquals(0, local.exitCode(), local.all());

        Path checkWork = java.nio.file.Files.createDirectories(work.resolve("check-" + name));
        Path logFile = checkWork.resolve("check.log");
        ProcessBuilder check = new ProcessBuilder(List.of(python.toString(),
                Shape.REPO.resolve("python/tests/check_stages.py").toString(),
                "--classpath", System.getProperty("java.class.path"), "--spec", Shape.SEED_SPEC.toString(),
                "--model", Shape.SEED_MODEL.toString(), "--data", data.toString(),
                "--expected", expected.resolve("predictions").toString(), "--work", checkWork.toString()))
                .redirectErrorStream(true).redirectOutput(logFile.toFile());
        check.environment().put("PYTHONPATH", Shape.REPO.resolve("python").toString());
        check.environment().put("JAVA_HOME", System.getProperty("java.home"));
        check.environment().put("PATH", System.getProperty("java.home") + File.separator + "bin"
                + File.pathSeparator + System.getenv("PATH"));
        Process process = check.start();
        boolean ended = process.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String log = java.nio.file.Files.readString(logFile, StandardCharsets.UTF_8);
        assertTrue(ended, "check_stages.py did not end in 10 minutes:\n" + log);
        assertEquals(0, process.exitValue(), log);
        for (String line : new String[] {"ok ShapeEstimator.fit", "ok ShapeModel.load", "ok Pipeline and PipelineModel",
                "ok SQL function", "ok from_pickle of a non-pickle: IllegalArgumentException"}) {
            assertTrue(log.contains(line), "missing '" + line + "' in:\n" + log);
        }
        System.out.println(name + ":\n" + log.lines().filter(l -> l.startsWith("ok ")).collect(
                java.util.stream.Collectors.joining("\n")));
    }
}
