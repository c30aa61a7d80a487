package io.shape.adapters.local;

import io.shape.domain.ShapeException;
import io.shape.domain.port.TableGenerator;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes big synthetic parquet tables shaped like a small real one: each row resamples a source row, the
 * feature columns get Gaussian noise of 1% of their standard deviation, and columns that increase in the
 * source (time) keep increasing by resampled steps. Same source, rows and seed: same values.
 */
public final class ParquetTableGenerator implements TableGenerator {
    static final long ROWS_PER_GROUP = 1_000_000;
    private static final double NOISE = 0.01;

    @Override
    public long generate(Path source, List<String> features, long rows, long seed, Path output) {
        if (rows < 0) {
            throw ShapeException.invalidInput("cannot generate " + rows + " rows");
        }
        if (Files.exists(output)) {
            throw ShapeException.invalidInput(output + " already exists; choose another output file");
        }
        List<String> columns = columnNames(source);
        for (String f : features) {
            if (!columns.contains(f)) {
                throw ShapeException.invalidInput("feature column '" + f + "' is not in " + source
                        + "; its columns are: " + String.join(", ", columns));
            }
        }
        double[][] data = readColumns(source, columns);
        int n = data.length == 0 ? 0 : data[0].length;
        if (n == 0) {
            throw ShapeException.invalidInput("no rows in " + source + " to draw from");
        }
        Column[] plan = new Column[columns.size()];
        for (int c = 0; c < plan.length; c++) {
            plan[c] = Column.of(data[c], features.contains(columns.get(c)));
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] row = new double[plan.length];
        try (ParquetWriter<double[]> writer = new ParquetPartWriter.Builder<>(new LocalOutputFile(output),
                new DoubleRowWriteSupport(columns))
                .withCompressionCodec(Compression.best())
                .withDictionaryEncoding(false) // noisy doubles rarely repeat: a dictionary only costs time
                .withRowGroupSize(ROWS_PER_GROUP * plan.length * Double.BYTES)
                .build()) {
            for (long r = 0; r < rows; r++) {
                int pick = random.nextInt(n);
                for (int c = 0; c < plan.length; c++) {
                    row[c] = plan[c].next(pick, random);
                }
                writer.write(row);
            }
        } catch (IOException e) {
            PredictionsFolder.deleteRecursively(output);
            throw ShapeException.invalidInput("cannot write " + output + ": " + e.getMessage());
        }
        return rows;
    }

    private static List<String> columnNames(Path source) {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(source))) {
            List<String> names = new ArrayList<>();
            for (Type t : reader.getFooter().getFileMetaData().getSchema().getFields()) {
                names.add(t.getName());
            }
            return names;
        } catch (IOException e) {
            throw ShapeException.invalidInput("cannot read " + source + " as parquet: " + e.getMessage());
        }
    }

    /** The whole source, column by column (sources are small samples). */
    private static double[][] readColumns(Path source, List<String> columns) {
        ParquetTable table = new ParquetTable(source.toString(), List.of(source), columns);
        int width = columns.size();
        List<double[]> blocks = new ArrayList<>();
        long total = 0;
        try (RowReader reader = table.newReader()) {
            while (true) {
                double[] block = new double[4096 * width];
                int got = reader.read(block, 4096);
                if (got == 0) {
                    break;
                }
                blocks.add(Arrays.copyOf(block, got * width));
                total += got;
            }
        }
        double[][] data = new double[width][Math.toIntExact(total)];
        int r = 0;
        for (double[] block : blocks) {
            for (int i = 0; i < block.length / width; i++, r++) {
                for (int c = 0; c < width; c++) {
                    data[c][r] = block[i * width + c];
                }
            }
        }
        return data;
    }

    /** How one column's values are drawn. */
    private abstract static class Column {
        abstract double next(int pick, SplittableRandom random);

        static Column of(double[] values, boolean feature) {
            if (feature) {
                return new Noisy(values, NOISE * std(values));
            }
            if (values.length > 1 && increasing(values)) {
                return new Increasing(values);
            }
            return new Resampled(values);
        }
    }

    private static final class Resampled extends Column {
        private final double[] values;

        Resampled(double[] values) {
            this.values = values;
        }

        @Override
        double next(int pick, SplittableRandom random) {
            return values[pick];
        }
    }

    private static final class Noisy extends Column {
        private final double[] values;
        private final double sd;

        Noisy(double[] values, double sd) {
            this.values = values;
            this.sd = sd;
        }

        @Override
        double next(int pick, SplittableRandom random) {
            return values[pick] + sd * random.nextGaussian();
        }
    }

    /** Starts where the source starts and adds a resampled positive step of the source per row. */
    private static final class Increasing extends Column {
        private final double[] steps;
        private double current;

        Increasing(double[] values) {
            double[] diffs = new double[values.length - 1];
            int k = 0;
            for (int i = 1; i < values.length; i++) {
                if (values[i] > values[i - 1]) {
                    diffs[k++] = values[i] - values[i - 1];
                }
            }
            this.steps = Arrays.copyOf(diffs, Math.max(k, 1));
            if (k == 0) {
                steps[0] = 1;
            }
            this.current = values[0] - steps[0];
        }

        @Override
        double next(int pick, SplittableRandom random) {
            current += steps[random.nextInt(steps.length)];
            return current;
        }
    }

    private static boolean increasing(double[] values) {
        for (int i = 1; i < values.length; i++) {
            if (!(values[i] >= values[i - 1])) {
                return false;
            }
        }
        return true;
    }

    private static double std(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / values.length);
    }
}
