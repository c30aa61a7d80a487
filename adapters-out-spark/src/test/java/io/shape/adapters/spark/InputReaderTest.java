package io.shape.adapters.spark;

import io.shape.domain.data.DataFormat;
import io.shape.domain.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reading files that Spark packs into one scan partition out of row order (largest first): the blocks
 * still come out in row order, range after range, with no shuffle, cached or not.
 */
class InputReaderTest {
    private static final int ROWS = 9050;

    @TempDir
    Path tmp;

    @Test
    void filesPackedOutOfOrderIntoOneScanPartitionAreReadInRowOrder() {
        Path data = packedFolder();
        SharedSpark.withConf(onePartitionForAllFiles(), () -> {
            PositionedInput input = InputReader.read(SharedSpark.session(),
                    new Dataset(data.toString(), DataFormat.PARQUET, TestTables.FEATURES),
                    EngineOptions.of(Map.of("partitions", "3")), new boolean[TestTables.FEATURES.size()]);
            try {
                assertEquals(1, input.scanned().getNumPartitions(), "the files should share one scan partition");
                assertEquals(3, input.blocks().getNumPartitions());
                assertInRowOrder(input.blocks().collect());
            } finally {
                input.release();
            }
        });
    }

    @Test
    void uncachedEveryRunOfAScanPartitionIsARange() {
        Path data = packedFolder();
        SharedSpark.withConf(onePartitionForAllFiles(), () -> {
            PositionedInput input = InputReader.read(SharedSpark.session(),
                    new Dataset(data.toString(), DataFormat.PARQUET, TestTables.FEATURES),
                    EngineOptions.of(Map.of("partitions", "2", "cache", "false")), new boolean[TestTables.FEATURES.size()]);
            try {
                assertEquals(1, input.scanned().getNumPartitions(), "the files should share one scan partition");
                assertEquals(3, input.blocks().getNumPartitions(), "one range per file");
                assertInRowOrder(input.blocks().collect());
            } finally {
                input.release();
            }
        });
    }

    /** Three files; the middle one, the largest, is what Spark packs first. */
    private Path packedFolder() {
        Path data = tmp.resolve("data");
        TestTables.parquet(data.resolve("0.parquet"), TestTables.values(0, 100));
        TestTables.parquet(data.resolve("1.parquet"), TestTables.values(100, 9000));
        TestTables.parquet(data.resolve("2.parquet"), TestTables.values(9000, ROWS));
        return data;
    }

    private static Map<String, String> onePartitionForAllFiles() {
        return Map.of("spark.sql.files.maxPartitionBytes", "1048576", "spark.sql.files.openCostInBytes", "1",
                "spark.sql.files.minPartitionNum", "1");
    }

    private static void assertInRowOrder(List<FeatureBlock> blocks) {
        long expected = 0;
        for (FeatureBlock block : blocks) {
            assertEquals(expected, block.firstRow(), "first row of a block");
            for (int r = 0; r < block.rows(); r++) {
                assertEquals(expected + r, block.values()[r * 2], 0.0, "x (= position) of row " + (expected + r));
            }
            expected += block.rows();
        }
        assertEquals(ROWS, expected);
    }
}
