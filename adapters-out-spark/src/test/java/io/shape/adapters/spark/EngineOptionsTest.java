package io.shape.adapters.spark;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.run.RunId;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Engine options, session settings and the small pure helpers, without a session. */
class EngineOptionsTest {
    private static final RunId RUN = new RunId("20261126-120000-0badcafe");

    @Test
    void defaultsAreLocalQuietAndWithoutUi() {
        SparkConf conf = SessionFactory.conf(RUN, EngineOptions.of(Map.of()));
        assertEquals(System.getProperty("spark.master", "local[*]"), conf.get("spark.master"));
        assertEquals("false", conf.get("spark.ui.enabled"));
        assertEquals("WARN", conf.get("spark.log.level"));
        assertEquals("1", conf.get("spark.hadoop.mapreduce.fileoutputcommitter.algorithm.version"));
    }

    @Test
    void masterVerboseAndSparkKeysComeFromTheJob() {
        EngineOptions options = EngineOptions.of(Map.of("master", "local[3]", "verbose", "true",
                "spark.ui.enabled", "true", "spark.executor.memory", "2g", "unrelated", "x"));
        SparkConf conf = SessionFactory.conf(RUN, options);
        assertEquals("local[3]", conf.get("spark.master"));
        assertEquals("true", conf.get("spark.ui.enabled"));
        assertEquals("2g", conf.get("spark.executor.memory"));
        assertFalse(conf.contains("spark.log.level"));
        assertFalse(conf.contains("unrelated"));
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        ShapeException partitions = assertThrows(ShapeException.class,
                () -> EngineOptions.of(Map.of("partitions", "many")));
        assertEquals(ErrorKind.USAGE, partitions.kind());
        assertTrue(partitions.getMessage().contains("'many'"));
        assertEquals(ErrorKind.USAGE, assertThrows(ShapeException.class,
                () -> EngineOptions.of(Map.of("cache", "sometimes"))).kind());
        assertEquals(8, EngineOptions.of(Map.of("partitions", "8")).partitions());
        assertFalse(EngineOptions.of(Map.of("cache", "false")).cache());
    }

    @Test
    void partFilesSortByTheirNumberPastFiveDigits() {
        assertEquals(12, PredictionWriter.partNumber("part-00012-abc-c000.snappy.parquet"));
        assertEquals(123456, PredictionWriter.partNumber("part-123456-abc-c000.csv"));
    }

    @Test
    void bothUriSpellingsOfAFileGiveOneKey() {
        assertEquals(FileKey.of("file:///tmp/a%20b/c%2520.parquet"), FileKey.of("file:/tmp/a%20b/c%2520.parquet"));
        assertEquals("hdfs://nn:8020/data/x.parquet", FileKey.of("hdfs://nn:8020/data/x.parquet"));
    }
}
