package io.shape.adapters.spark;

import io.shape.domain.ShapeException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;

/**
 * CSV row positions. CSV has no row index, so one aggregation job counts the rows of every split Spark
 * reads ({@code _metadata.file_path}, {@code _metadata.file_block_start}); splits sorted by file path then
 * start give each split its first position, and a row's position adds its index inside the split (a split
 * is always read whole and in order by one task). The same job finds cells that are not numbers.
 *
 * <p>Cells read as pandas reads them: empty cells and pandas' default NA strings ({@code NA}, {@code nan},
 * {@code NULL}, ...) are missing (NaN); anything else must parse as a number.
 */
final class CsvRowNumbering {
    /** pandas' default {@code na_values} (after trimming, so blank cells count as empty). */
    private static final List<String> NA_STRINGS = List.of("", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN",
            "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null");

    private CsvRowNumbering() {
    }

    static RowNumbering of(Dataset<Row> table, List<String> features, String location) {
        int width = features.size();
        List<Column> values = new ArrayList<>();
        List<Column> aggregates = new ArrayList<>();
        for (String f : features) {
            Column raw = functions.col(RowNumbering.quoted(f));
            Column missing = raw.isNull().or(functions.trim(raw).isin(NA_STRINGS.toArray()));
            Column number = functions.when(missing, functions.lit(null).cast(DataTypes.DoubleType))
                    .otherwise(functions.trim(raw).try_cast(DataTypes.DoubleType));
            Column bad = functions.not(missing).and(number.isNull());
            values.add(number);
            aggregates.add(functions.sum(functions.when(bad, 1L).otherwise(0L)));
            aggregates.add(functions.min(functions.when(bad, raw)));
        }
        List<Row> splits = table
                .groupBy(functions.col("_metadata.file_path"), functions.col("_metadata.file_block_start"))
                .agg(functions.count(functions.lit(1)), aggregates.toArray(new Column[0]))
                .collectAsList();
        rejectNonNumbers(splits, features, location);

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

    private static void rejectNonNumbers(List<Row> splits, List<String> features, String location) {
        for (int i = 0; i < features.size(); i++) {
            long bad = 0;
            String example = null;
            for (Row split : splits) {
                bad += split.getLong(3 + 2 * i);
                String candidate = split.getString(4 + 2 * i);
                if (candidate != null && (example == null || candidate.compareTo(example) < 0)) {
                    example = candidate;
                }
            }
            if (bad > 0) {
                throw ShapeException.invalidInput("column '" + features.get(i) + "' of " + location + " is not numeric: "
                        + bad + " value(s) are not numbers (e.g. '" + example
                        + "'); feature columns must hold numbers (empty cells and NA are read as missing)");
            }
        }
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
