package io.shape.adapters.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.unsafe.types.UTF8String;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;

/**
 * Parquet row positions: each file's first position is the sum of the row counts (read from the footers,
 * no data scanned) of the files before it in path order; a row's position adds Spark's
 * {@code _metadata.row_index}, its index inside its file.
 */
final class ParquetRowNumbering {
    private ParquetRowNumbering() {
    }

    static RowNumbering of(SparkSession spark, Dataset<Row> table, List<String> features) {
        List<String> files = new ArrayList<>(Arrays.asList(table.inputFiles()));
        files.sort(Comparator.comparing(FileKey::of));
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        HashMap<String, Long> offsets = new HashMap<>();
        long total = 0;
        for (String file : files) {
            offsets.put(FileKey.of(file), total);
            total += footerRows(file, conf);
        }
        List<Column> columns = new ArrayList<>();
        for (String f : features) {
            columns.add(functions.col(RowNumbering.quoted(f)).cast("double"));
        }
        columns.add(functions.col("_metadata.file_path"));
        columns.add(functions.col("_metadata.row_index"));
        Dataset<Row> scan = table.select(columns.toArray(new Column[0]));
        return new CountedRowNumbering(scan, total, new Positions(offsets, features.size()));
    }

    private static long footerRows(String file, Configuration conf) {
        try (ParquetFileReader reader = ParquetFileReader.open(
                HadoopInputFile.fromPath(new Path(new URI(file)), conf))) {
            return reader.getRecordCount();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the parquet footer of " + file, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Spark listed a file URI that does not parse: " + file, e);
        }
    }

    /** Numbers the rows of one scan partition. */
    private static final class Positions extends CountedRowNumbering.GroupPositions {
        private static final long serialVersionUID = 1L;

        Positions(HashMap<String, Long> fileOffsets, int width) {
            super(fileOffsets, width);
        }

        @Override
        CountedRowNumbering.Cursor cursor() {
            return new CountedRowNumbering.Cursor() {
                private UTF8String file;
                private long offset;

                @Override
                public long position(InternalRow row) {
                    UTF8String path = row.getUTF8String(width);
                    if (!path.equals(file)) {
                        Long start = firstPosition(FileKey.of(path.toString()));
                        if (start == null) {
                            throw new IllegalStateException("Spark read " + path
                                    + ", which was not among the files listed when the run started");
                        }
                        // The scan reuses the row's buffer: keep a copy of the path.
                        file = path.clone();
                        offset = start;
                    }
                    return offset + row.getLong(width + 1);
                }
            };
        }
    }
}
