package io.shape.adapters.spark;

import io.shape.domain.testing.WeightedSumModel;
import io.shape.domain.data.DataFormat;
import io.shape.domain.port.ScoringListener;
import io.shape.domain.port.ScoringResult;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Row positions across files: the model's decision is the x value, which the test data sets to each row's
 * expected position, so every output row shows whether the engine numbered it right.
 */
class RowPositionTest {
    private static final WeightedSumModel IDENTITY = WeightedSumModel.detector(new double[] {1, 0}, 0);

    @TempDir
    Path tmp;

    @Test
    void parquetFolderRowsArePositionedAcrossFilesInPathOrder() throws Exception {
        Path data = tmp.resolve("data");
        // Sizes chosen so that Spark's largest-first packing reads b before the others, names with a space
        // and an escaped-looking percent so the two URI spellings Spark uses must be reconciled.
        TestTables.parquet(data.resolve("a b%20.parquet"), TestTables.values(0, 40));
        Path big = TestTables.parquet(data.resolve("b.parquet"), TestTables.doubles(TestTables.FEATURES),
                TestTables.rows(TestTables.values(40, 3040)), Map.of("parquet.block.size", "8192"));
        TestTables.parquet(data.resolve("c.parquet"), TestTables.values(3040, 3050));
        try (ParquetFileReader footer = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(big.toUri()), new Configuration()))) {
            assertTrue(footer.getRowGroups().size() > 2, "b.parquet should have several row groups");
        }

        ScoringResult[] result = new ScoringResult[1];
        // Small splits: b.parquet is read by several tasks, each starting mid-file.
        SharedSpark.withConf(Map.of("spark.sql.files.maxPartitionBytes", "8192",
                "spark.sql.files.openCostInBytes", "1024"), () -> result[0] = new SparkEngine(SharedSpark.session())
                .score(TestTables.job(data, DataFormat.PARQUET, List.of(), IDENTITY, tmp.resolve("predictions"),
                        DataFormat.PARQUET, Optional.empty(), Map.of("partitions", "4")), ScoringListener.NONE));

        assertEquals(3050, result[0].rows());
        assertTrue(result[0].partFiles().size() > 1, "expected several part files: " + result[0].partFiles());
        assertRowsInOrderWithDecisionEqualToPosition(TestTables.readParts(result[0].partFiles(), DataFormat.PARQUET),
                3050);
    }

    @Test
    void csvFilesSplitIntoSeveralSplitsArePositionedInPathOrder() throws Exception {
        Path data = tmp.resolve("csv");
        TestTables.csv(data.resolve("part1.csv"), TestTables.FEATURES, cells(30, 2030));
        TestTables.csv(data.resolve("part0.csv"), TestTables.FEATURES, cells(0, 30));
        ScoringResult[] result = new ScoringResult[1];
        SharedSpark.withConf(Map.of("spark.sql.files.maxPartitionBytes", "4096",
                "spark.sql.files.openCostInBytes", "1024"), () -> result[0] = new SparkEngine(SharedSpark.session())
                .score(TestTables.job(data, DataFormat.CSV, List.of(), IDENTITY, tmp.resolve("predictions"),
                        DataFormat.CSV, Optional.empty(), Map.of("partitions", "3")), ScoringListener.NONE));

        assertEquals(2030, result[0].rows());
        assertTrue(Files.exists(tmp.resolve("predictions/_SUCCESS")));
        assertTrue(result[0].partFiles().stream().allMatch(p -> p.endsWith(".csv")), result[0].partFiles()::toString);
        assertTrue(Files.readString(Path.of(java.net.URI.create(result[0].partFiles().get(0))))
                .startsWith("row,prediction,decision_function\n"));
        assertRowsInOrderWithDecisionEqualToPosition(TestTables.readParts(result[0].partFiles(), DataFormat.CSV),
                2030);
    }

    private static List<List<String>> cells(int from, int to) {
        List<List<String>> lines = new ArrayList<>();
        for (double[] v : TestTables.values(from, to)) {
            lines.add(List.of(Double.toString(v[0]), Double.toString(v[1])));
        }
        return lines;
    }

    private static void assertRowsInOrderWithDecisionEqualToPosition(List<Row> rows, int expected) {
        assertEquals(expected, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            assertEquals(i, ((Number) row.getAs("row")).longValue(), "row column at output line " + i);
            assertEquals(i, ((Number) row.getAs("decision_function")).doubleValue(), 0.0,
                    "decision (= x = expected position) at output line " + i);
        }
    }
}
