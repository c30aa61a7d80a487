package io.shape.adapters.local;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParquetTableGeneratorTest {
    private static final Path SEED = Path.of("../data/dataset.parquet");
    private static final List<String> COLUMNS = List.of("time", "vibration_x", "vibration_y", "vibration_z");
    private static final List<String> FEATURES = List.of("vibration_x", "vibration_y", "vibration_z");

    @TempDir
    Path dir;

    private final ParquetTableGenerator generator = new ParquetTableGenerator();

    private double[] read(Path file, long rows) {
        double[] values = new double[Math.toIntExact(rows * COLUMNS.size())];
        ParquetTable table = new ParquetTable(file.toString(), List.of(file), COLUMNS);
        assertEquals(rows, table.knownRows());
        try (RowReader reader = table.newReader()) {
            assertEquals(rows, reader.read(values, (int) rows));
        }
        return values;
    }

    @Test
    void sameSeedSameTableOtherSeedOtherTable() {
        assertEquals(5000, generator.generate(SEED, FEATURES, 5000, 42, dir.resolve("a.parquet")));
        generator.generate(SEED, FEATURES, 5000, 42, dir.resolve("b.parquet"));
        generator.generate(SEED, FEATURES, 5000, 43, dir.resolve("c.parquet"));
        double[] a = read(dir.resolve("a.parquet"), 5000);
        assertArrayEquals(a, read(dir.resolve("b.parquet"), 5000), 0.0);
        assertFalse(java.util.Arrays.equals(a, read(dir.resolve("c.parquet"), 5000)));
    }

    @Test
    void featuresStayNearTheSourceAndTimeIncreases() throws IOException {
        generator.generate(SEED, FEATURES, 20_000, 7, dir.resolve("g.parquet"));
        double[] g = read(dir.resolve("g.parquet"), 20_000);
        double[] source = read(SEED, 295);
        for (int c = 1; c < 4; c++) {
            double sourceMean = mean(source, c);
            double generatedMean = mean(g, c);
            assertEquals(sourceMean, generatedMean, 0.5, "column " + COLUMNS.get(c));
        }
        for (int r = 1; r < 20_000; r++) {
            assertTrue(g[r * 4] > g[(r - 1) * 4], "time increases at row " + r);
        }
        assertEquals(COLUMNS, TestTables.schemaOf(dir.resolve("g.parquet")).getFields().stream()
                .map(org.apache.parquet.schema.Type::getName).toList());
    }

    @Test
    void refusesAnExistingOutputAndUnknownFeatures() throws IOException {
        java.nio.file.Files.writeString(dir.resolve("x.parquet"), "");
        ShapeException exists = assertThrows(ShapeException.class,
                () -> generator.generate(SEED, FEATURES, 10, 1, dir.resolve("x.parquet")));
        assertEquals(ErrorKind.INVALID_INPUT, exists.kind());
        ShapeException unknown = assertThrows(ShapeException.class,
                () -> generator.generate(SEED, List.of("vibration_w"), 10, 1, dir.resolve("y.parquet")));
        assertTrue(unknown.getMessage().startsWith("feature column 'vibration_w' is not in"), unknown.getMessage());
    }

    private static double mean(double[] rowMajor, int column) {
        double sum = 0;
        int n = rowMajor.length / 4;
        for (int r = 0; r < n; r++) {
            sum += rowMajor[r * 4 + column];
        }
        return sum / n;
    }
}
