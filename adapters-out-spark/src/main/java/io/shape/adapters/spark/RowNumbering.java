package io.shape.adapters.spark;

import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Iterator;

/**
 * How one input format gets each row its 0-based position across all files in path order, whatever
 * order Spark's scan packs the files into partitions (it packs the largest splits first).
 */
interface RowNumbering {
    long totalRows();

    /** The scan to number: the feature columns as double (null = missing), then two locating columns. */
    Dataset<Row> scan();

    /** Turns each partition of {@link #scan()} into (position, feature values) pairs. */
    PairFlatMapFunction<Iterator<Row>, Long, double[]> positions();

    /** The feature values of a scanned row; null (missing) becomes NaN as pandas reads it. */
    static double[] features(Row row, int width) {
        double[] values = new double[width];
        for (int i = 0; i < width; i++) {
            values[i] = row.isNullAt(i) ? Double.NaN : row.getDouble(i);
        }
        return values;
    }

    /** A column reference that takes the name literally (dots, backticks and all). */
    static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }
}
