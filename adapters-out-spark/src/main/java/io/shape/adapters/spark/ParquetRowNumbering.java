package io.shape.adapters.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import io.shape.domain.data.CategoryCodes;
import io.shape.domain.data.ColumnPlan;
import org.apache.spark.sql.types.DecimalType;
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
import java.util.Map;

/**
 * Parquet row positions: each file's first position is the sum of the row counts (read from the footers,
 * no data scanned) of the files before it in path order; a row's position adds Spark's
 * {@code _metadata.row_index}, its index inside its file.
 */
final class ParquetRowNumbering {
    private ParquetRowNumbering() {
    }

    static RowNumbering of(SparkSession spark, Dataset<Row> table, List<String> features, ColumnPlan plan) {
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
        for (int c = 0; c < features.size(); c++) {
            Column column = functions.col(RowNumbering.quoted(features.get(c)));
            boolean decimal = table.schema().apply(features.get(c)).dataType() instanceof DecimalType;
            columns.add(switch (plan.use(c)) {
                // a decimal is converted by ScanBlocks: Spark's cast divides a rounded double for 16-18 digits
                case NUMBERS -> decimal ? column : column.cast("double");
                case CATEGORIES -> column; // text, coded by ScanBlocks
                case UNUSED -> functions.lit(null).cast("double"); // never read: the table need not have it
                case ENCODED -> throw new IllegalStateException("column " + c + " is read before its survey");
            });
        }
        columns.add(functions.col("_metadata.file_path"));
        columns.add(functions.col("_metadata.row_index"));
        Dataset<Row> scan = table.select(columns.toArray(new Column[0]));
        return new CountedRowNumbering(scan, total, new Positions(offsets, features.size()));
    }

    /**
     * Whether a null of each text column is None (else NaN), by the pandas metadata of the table's first file
     * ({@link CategoryCodes#nullOf}); the engine reads one footer for it, not one per file.
     */
    static boolean[] nullsAreNone(SparkSession spark, Dataset<Row> table, List<String> features, ColumnPlan plan) {
        boolean[] none = new boolean[features.size()];
        String[] files = table.inputFiles();
        java.util.Arrays.sort(files, Comparator.comparing(FileKey::of));
        Map<String, String> types = Map.of();
        if (files.length > 0) {
            try (ParquetFileReader reader = ParquetFileReader.open(
                    HadoopInputFile.fromPath(new Path(new URI(files[0])), spark.sparkContext().hadoopConfiguration()))) {
                types = PandasTypes.of(reader.getFooter().getFileMetaData().getKeyValueMetaData().get("pandas"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the parquet footer of " + files[0], e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException("Spark listed a file URI that does not parse: " + files[0], e);
            }
        }
        for (int c = 0; c < none.length; c++) {
            none[c] = CategoryCodes.nullOf(java.util.Optional.ofNullable(types.get(features.get(c))));
        }
        return none;
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
