package io.shape.adapters.spark;

import io.shape.domain.data.ColumnPlan;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.unsafe.types.UTF8String;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;

/**
 * CSV row positions. CSV has no row index, so one aggregation job counts the rows of every split Spark
 * reads ({@code _metadata.file_path}, {@code _metadata.file_block_start}); splits sorted by file path then
 * start give each split its first position, and a row's position adds its index inside the split (a split
 * is always read whole and in order by one task). The feature cells stay text: {@link ScanBlocks} reads them
 * with the domain's {@link io.shape.domain.data.CsvNumber}, as pandas and scikit-learn read them.
 */
final class CsvRowNumbering {
    private CsvRowNumbering() {
    }

    static RowNumbering of(Dataset<Row> table, List<String> features, ColumnPlan plan) {
        int width = features.size();
        List<Column> values = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            // a column the pipeline never reads need not be in the file: a null stands for it
            values.add(plan.use(c) == ColumnPlan.Use.UNUSED ? functions.lit(null).cast("string")
                    : functions.col(RowNumbering.quoted(features.get(c))));
        }
        List<Row> splits = table
                .groupBy(functions.col("_metadata.file_path"), functions.col("_metadata.file_block_start"))
                .agg(functions.count(functions.lit(1)))
                .collectAsList();

        List<Row> ordered = new ArrayList<>(splits);
        ordered.sort(Comparator.<Row, String>comparing(r -> FileKey.of(r.getString(0)))
                .thenComparingLong(r -> r.getLong(1)));
        HashMap<String, Long> offsets = new HashMap<>();
        long total = 0;
        for (Row split : ordered) {
            offsets.put(splitKey(split.getString(0), split.getLong(1)), total);
            total += split.getLong(2);
        }
        values.add(functions.col("_metadata.file_path"));
        values.add(functions.col("_metadata.file_block_start"));
        return new CountedRowNumbering(table.select(values.toArray(new Column[0])), total, new Positions(offsets, width));
    }

    private static String splitKey(String file, long start) {
        return FileKey.of(file) + "#" + start;
    }

    /** Numbers the rows of one scan partition, split by split. */
    private static final class Positions extends CountedRowNumbering.GroupPositions {
        private static final long serialVersionUID = 1L;

        Positions(HashMap<String, Long> splitOffsets, int width) {
            super(splitOffsets, width);
        }

        @Override
        CountedRowNumbering.Cursor cursor() {
            return new CountedRowNumbering.Cursor() {
                private UTF8String file;
                private long start = -1;
                private long next;

                @Override
                public long position(InternalRow row) {
                    UTF8String path = row.getUTF8String(width);
                    long blockStart = row.getLong(width + 1);
                    if (blockStart != start || !path.equals(file)) {
                        Long offset = firstPosition(splitKey(path.toString(), blockStart));
                        if (offset == null) {
                            throw new IllegalStateException("Spark read split " + path + "@" + blockStart
                                    + ", which the counting job did not see");
                        }
                        // The scan reuses the row's buffer: keep a copy of the path.
                        file = path.clone();
                        start = blockStart;
                        next = offset;
                    }
                    return next++;
                }
            };
        }
    }
}
