package io.shape.adapters.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How one input format gets each row its 0-based position across all files in path order, whatever
 * order Spark's scan packs the files into partitions (it packs the largest splits first).
 */
interface RowNumbering {
    long totalRows();

    /**
     * The scan to number: the feature columns (parquet: as double, null = missing; CSV: as text), then two
     * locating columns.
     */
    Dataset<Row> scan();

    /** Gives the rows of each partition of {@link #scan()} their positions. */
    CountedRowNumbering.GroupPositions positions();

    /** A column reference that takes the name literally (dots, backticks and all). */
    static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }
}
