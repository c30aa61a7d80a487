package io.shape.adapters.local;

import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void decimalsAreTheirNearestDoublesAndBooleansZeroAndOne() throws IOException {
        Path file = dir.resolve("typed.parquet");
        java.math.BigDecimal big = new java.math.BigDecimal("12345678901234567890.12345");
        TestTables.writeParquet(file, "message m { optional int32 d9 (DECIMAL(9,2)); required int64 d18 (DECIMAL(18,3));"
                + " required binary d30 (DECIMAL(30,5)); optional boolean b; }", List.of(
                new Object[] {-12345, 123456789012345678L, big.unscaledValue().toByteArray(), true},
                new Object[] {null, -1L, big.negate().unscaledValue().toByteArray(), null}));
        ParquetTable table = new ParquetTable("t", List.of(file), List.of("d9", "d18", "d30", "b"));
        double[] values = new double[8];
        try (RowReader reader = table.newReader()) {
            assertEquals(2, reader.read(values, 2));
        }
        // as Python's float(Decimal(...)): the correctly rounded double of the decimal value
        assertEquals(-123.45, values[0]);
        assertEquals(Double.parseDouble("123456789012345.678"), values[1]);
        assertEquals(Double.parseDouble("12345678901234567890.12345"), values[2]);
        assertEquals(1.0, values[3]);
        assertTrue(Double.isNaN(values[4]));
        assertEquals(-0.001, values[5]);
        assertEquals(-Double.parseDouble("12345678901234567890.12345"), values[6]);
        assertTrue(Double.isNaN(values[7]));
    }

    @Test
    void textColumnsAreReadAsTheirEncodersCodesAndUnusedColumnsNotAtAll() throws IOException {
        Path file = dir.resolve("text.parquet");
        TestTables.writeParquet(file, "message m { optional binary color (STRING); required double x; }", List.of(
                new Object[] {"red", 1.0}, new Object[] {null, 2.0}, new Object[] {"purple", 3.0}));
        io.shape.domain.data.CategoryCodes codes = new io.shape.domain.data.CategoryCodes(List.of("blue", "red"), true,
                false, java.util.Optional.empty());
        io.shape.domain.data.ColumnPlan plan = io.shape.domain.data.ColumnPlan.of(
                new io.shape.domain.data.CategoryCodes[] {codes, null, null}, new boolean[] {false, false, true});
        ParquetTable table = new ParquetTable("t", io.shape.domain.data.InputFiles.of(List.of(file)),
                List.of("color", "x", "absent"), plan);
        double[] values = new double[9];
        try (RowReader reader = table.newReader()) {
            assertEquals(3, reader.read(values, 3));
        }
        assertEquals(1.0, values[0], "red is the second category");
        assertEquals(io.shape.domain.data.CategoryCodes.NONE, values[3], "a null text without pandas metadata is None");
        assertEquals(io.shape.domain.data.CategoryCodes.UNSEEN, values[6]);
        assertEquals(3.0, values[7]);
        assertTrue(Double.isNaN(values[8]), "the unused column, absent from the file, is never read");
    }
}
