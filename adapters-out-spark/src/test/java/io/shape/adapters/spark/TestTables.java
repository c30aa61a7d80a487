package io.shape.adapters.spark;

import io.shape.domain.data.DataFormat;
import io.shape.domain.data.Dataset;
import io.shape.domain.model.Model;
import io.shape.domain.port.ScoringJob;
import io.shape.domain.run.RunId;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.Step;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Test inputs written by Spark itself, predictions read back, and jobs put together. */
final class TestTables {
    static final List<String> FEATURES = List.of("x", "y");

    private TestTables() {
    }

    /** Rows {@code from..to-1} of the standard table: x = position, y = a wiggle of it. */
    static double[][] values(int from, int to) {
        double[][] rows = new double[to - from][];
        for (int r = from; r < to; r++) {
            rows[r - from] = new double[] {r, Math.sin(r) * 10 + (r % 7)};
        }
        return rows;
    }

    static StructType doubles(List<String> columns) {
        List<StructField> fields = new ArrayList<>();
        columns.forEach(c -> fields.add(DataTypes.createStructField(c, DataTypes.DoubleType, true)));
        return DataTypes.createStructType(fields);
    }

    /** Writes one parquet file named {@code file} (Spark writes a folder; we keep its single part). */
    static Path parquet(Path file, StructType schema, List<Row> rows, Map<String, String> writeOptions) {
        Path staging = file.resolveSibling("." + file.getFileName() + ".staging");
        SharedSpark.session().createDataFrame(rows, schema).coalesce(1).write().options(writeOptions)
                .mode(SaveMode.Overwrite).parquet(staging.toString());
        return moveSinglePart(staging, file, ".parquet");
    }

    static Path parquet(Path file, double[][] values) {
        return parquet(file, doubles(FEATURES), rows(values), Map.of());
    }

    /**
     * Writes rows (Integer, Long, Double or null per column) of a schema given in parquet's text form with
     * parquet-mr, for the physical and logical types Spark does not write (unsigned integers, duplicate names).
     */
    static Path parquetOfSchema(Path file, String schema, List<Object[]> rows) {
        org.apache.parquet.schema.MessageType type = org.apache.parquet.schema.MessageTypeParser.parseMessageType(schema);
        try (org.apache.parquet.hadoop.ParquetWriter<org.apache.parquet.example.data.Group> writer =
                     org.apache.parquet.hadoop.example.ExampleParquetWriter.builder(
                             new org.apache.hadoop.fs.Path(file.toUri())).withType(type).build()) {
            for (Object[] row : rows) {
                org.apache.parquet.example.data.simple.SimpleGroup group =
                        new org.apache.parquet.example.data.simple.SimpleGroup(type);
                for (int c = 0; c < row.length; c++) {
                    if (row[c] instanceof Integer i) {
                        group.add(c, i);
                    } else if (row[c] instanceof Long l) {
                        group.add(c, l);
                    } else if (row[c] instanceof Double d) {
                        group.add(c, d);
                    }
                }
                writer.write(group);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Path csv(Path file, List<String> header, List<List<String>> cells) {
        StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
        cells.forEach(line -> text.append(String.join(",", line)).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Row> rows(double[][] values) {
        List<Row> rows = new ArrayList<>();
        for (double[] v : values) {
            Object[] boxed = new Object[v.length];
            for (int i = 0; i < v.length; i++) {
                boxed[i] = v[i];
            }
            rows.add(RowFactory.create(boxed));
        }
        return rows;
    }

    private static Path moveSinglePart(Path folder, Path target, String suffix) {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> parts = files.filter(p -> p.getFileName().toString().startsWith("part-")
                    && p.getFileName().toString().endsWith(suffix)).toList();
            if (parts.size() != 1) {
                throw new IllegalStateException("expected one part file in " + folder + ", got " + parts);
            }
            Files.createDirectories(target.getParent());
            Files.move(parts.get(0), target);
            try (Stream<Path> rest = Files.list(folder)) {
                for (Path p : rest.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(folder);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The predictions as written, part file by part file in the engine's reported order. */
    static List<Row> readParts(List<String> partFiles, DataFormat format) {
        List<Row> rows = new ArrayList<>();
        for (String part : partFiles) {
            org.apache.spark.sql.Dataset<Row> table = format == DataFormat.CSV
                    ? SharedSpark.session().read().option("header", "true").option("inferSchema", "true").csv(part)
                    : SharedSpark.session().read().parquet(part);
            rows.addAll(table.collectAsList());
        }
        return rows;
    }

    static ScoringJob job(Path data, DataFormat format, List<Step> steps, Model model, Path predictions,
                          DataFormat output, Optional<FittedPipeline> frozen, Map<String, String> options) {
        return new ScoringJob(RunId.create(Instant.now()), new Dataset(data.toString(), format, FEATURES),
                new Pipeline(FEATURES, steps), model, frozen, predictions.toString(), output, options);
    }

    static ScoringJob job(Path data, List<Step> steps, Model model, Path predictions) {
        return job(data, DataFormat.PARQUET, steps, model, predictions, DataFormat.PARQUET, Optional.empty(),
                Map.of("partitions", "3"));
    }
}
