package io.shape.adapters.local;

import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reading parquet doubles gives every value to the bit and NaN for nulls, whatever the file's layout: the
 * bulk path for PLAIN pages (v1 and v2, required and optional columns, many pages and row groups) and the
 * column reader for the rest (dictionary pages, other types) must agree with what was written.
 */
class ParquetRowReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "dictionary={0}, {1}, page={2} B, group={3} B")
    @CsvSource({
        "false, PARQUET_1_0, 1024, 65536",
        "false, PARQUET_2_0, 1024, 65536",
        "false, PARQUET_1_0, 1048576, 134217728",
        "false, PARQUET_2_0, 1048576, 134217728",
        "true, PARQUET_1_0, 1024, 65536",
        "true, PARQUET_2_0, 1024, 65536"})
    void readsEveryValueAndNullAsWritten(boolean dictionary, WriterVersion version, int pageBytes, long groupBytes)
            throws IOException {
        int rows = 20_000;
        Random random = new Random(7);
        List<Object[]> written = new ArrayList<>();
        double[] expected = new double[rows * 4];
        for (int r = 0; r < rows; r++) {
            double required = random.nextGaussian() * 1e3;
            // nulls in runs and alone, so level runs of both kinds appear; some NaN values too
            Double optional = (r / 100) % 7 == 3 || random.nextInt(50) == 0 ? null
                    : random.nextInt(500) == 0 ? Double.NaN : random.nextDouble();
            Double allPresent = (double) r - 0.5;
            Float single = random.nextFloat();
            written.add(new Object[] {required, optional, allPresent, single});
            double[] row = {required, optional == null ? Double.NaN : optional, allPresent, single};
            for (int c = 0; c < 4; c++) {
                expected[r * 4 + c] = row[c];
            }
        }
        Path file = dir.resolve("t.parquet");
        TestTables.writeParquet(file, "message m { required double a; optional double b; optional double c;"
                + " required float f; }", written, dictionary, version, groupBytes, pageBytes);

        ParquetTable table = new ParquetTable("t", List.of(file), List.of("a", "b", "c", "f"));
        double[] actual = new double[rows * 4];
        try (RowReader reader = table.newReader()) {
            int n = 0;
            double[] batch = new double[777 * 4];
            int got;
            while ((got = reader.read(batch, 777)) > 0) {
                System.arraycopy(batch, 0, actual, n * 4, got * 4);
                n += got;
            }
            assertEquals(rows, n);
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                    "row " + i / 4 + " column " + i % 4);
        }
    }
}
