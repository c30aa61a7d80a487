package io.shape.bootstrap.sparkml;

import io.shape.bootstrap.inprocess.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The PySpark wrapper ({@code python/shape_spark}) from a real PySpark of shape's Spark version at local[2], with
 * shape's jars on the driver's classpath: fit, transform, save/load, a Pipeline saved and loaded in Python, the
 * SQL function (of columns and of a struct), and a refusal surfacing as PySpark's IllegalArgumentException —
 * each compared, in Spark and bit for bit, with the local engine's predictions for the seed and for a generated
 * 1M-row table ({@link PySparkCheck}). {@code SparkClusterTest} runs the same script on the standalone cluster.
 */
class PySparkStagesTest {
    @TempDir
    Path work;

    @Test
    void thePySparkWrapperScoresTheSeedAsTheLocalEngine() throws Exception {
        PySparkCheck.run(work, Shape.SEED_DATA, "seed", "local[2]", "");
    }

    @Test
    void thePySparkWrapperScoresAMillionGeneratedRowsAsTheLocalEngine() throws Exception {
        Path table = work.resolve("generated.parquet");
        Shape.Result generated = Shape.run(work, Map.of(), "generate", "--rows", "1000000", "--seed", "13",
                "--source", Shape.SEED_DATA.toString(), "--output", table.toString());
        assertEquals(0, generated.exitCode(), generated.all());
        PySparkCheck.run(work, table, "generated", "local[2]", "");
    }
}
