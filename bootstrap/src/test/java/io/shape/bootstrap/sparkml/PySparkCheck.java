package io.shape.bootstrap.sparkml;

import io.shape.adapters.tracking.Prerequisites;
import io.shape.bootstrap.inprocess.Shape;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code python/tests/check_stages.py} run by a real PySpark of shape's Spark version (the venv of
 * {@code .ci/pyspark-venv.sh}) on a table, against the local engine's predictions for it (the seed spec and
 * model, and the seed chain fitted and pickled whole), with this JVM's classpath as the driver's: every door of
 * the stages from Python, bit for bit.
 */
public final class PySparkCheck {
    private static final Path SEED_CHAIN = Shape.REPO.resolve("reference/fixtures/pipelines/seed_chain/model.pkl");
    private static final String[] CHECKS = {"ok ShapeModel.from_pickle", "ok ShapeEstimator.fit", "ok ShapeModel.load",
            "ok Pipeline and PipelineModel", "ok SQL function:", "ok SQL function over struct(*)",
            "ok from_pickle of a non-pickle: IllegalArgumentException"};

    private PySparkCheck() {
    }

    /**
     * @param master a Spark master URL (local[2], or a standalone cluster's spark://…)
     * @param jars   spark.jars for the executors (comma-separated), empty when they run in the driver's JVM
     * @return the script's log, every check in it passed
     */
    public static String run(Path work, Path data, String name, String master, String jars) throws Exception {
        Path python = Prerequisites.require(Prerequisites.locate("shape.pyspark.python", "SHAPE_PYSPARK_PYTHON",
                Shape.REPO.resolve(".ci/.venv-pyspark/bin/python")), "PySpark's python",
                "run `bash .ci/pyspark-venv.sh` or set SHAPE_PYSPARK_PYTHON");
        Path expected = work.resolve("local-" + name);
        Shape.Result local = Shape.run(work, Map.of(), "score", "--spec", Shape.SEED_SPEC.toString(), "--model",
                Shape.SEED_MODEL.toString(), "--data", data.toString(), "--engine", "local",
                "--output", expected.toString());
        assertEquals(0, local.exitCode(), local.all());
        Path pickleExpected = work.resolve("local-pickle-" + name);
        Shape.Result pickled = Shape.run(work, Map.of(), "score", "--model", SEED_CHAIN.toString(), "--data",
                data.toString(), "--engine", "local", "--output", pickleExpected.toString());
        assertEquals(0, pickled.exitCode(), pickled.all());

        Path checkWork = Files.createDirectories(work.resolve("check-" + name));
        Path logFile = checkWork.resolve("check.log");
        List<String> command = new ArrayList<>(List.of(python.toString(),
                Shape.REPO.resolve("python/tests/check_stages.py").toString(),
                "--classpath", System.getProperty("java.class.path"), "--spec", Shape.SEED_SPEC.toString(),
                "--model", Shape.SEED_MODEL.toString(), "--data", data.toString(),
                "--expected", expected.resolve("predictions").toString(), "--work", checkWork.toString(),
                "--pickle", SEED_CHAIN.toString(), "--pickle-expected", pickleExpected.resolve("predictions").toString(),
                "--master", master));
        if (!jars.isEmpty()) {
            command.addAll(List.of("--jars", jars));
        }
        ProcessBuilder check = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
        check.environment().put("PYTHONPATH", Shape.REPO.resolve("python").toString());
        check.environment().put("JAVA_HOME", System.getProperty("java.home"));
        check.environment().put("PATH", System.getProperty("java.home") + File.separator + "bin"
                + File.pathSeparator + System.getenv("PATH"));
        Process process = check.start();
        boolean ended = process.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String log = Files.readString(logFile, StandardCharsets.UTF_8);
        assertTrue(ended, "check_stages.py did not end in 10 minutes:\n" + log);
        assertEquals(0, process.exitValue(), log);
        for (String line : CHECKS) {
            assertTrue(log.contains(line), "missing '" + line + "' in:\n" + log);
        }
        String passed = log.lines().filter(l -> l.startsWith("ok ")).collect(Collectors.joining("\n"));
        System.out.println(name + ":\n" + passed);
        return passed;
    }
}
