package io.shape.bootstrap.sparkml;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.Arrays;
import java.util.List;

/**
 * Compares a stage's outputs with expected predictions inside Spark, for tables too big to collect, with SQL
 * expressions only: a cluster's executors have none of the tests' classes. A double is compared by its text
 * ({@link Double#toString}, which Spark's cast to string is), which tells any two doubles apart, −0.0 and 0.0
 * included: equal texts are equal bits (NaN aside).
 */
public final class StageComparison {
    /**
     * @param differingRows rows where an output is not the same bits, or that one side lacks
     * @param labelFlips    rows whose prediction differs
     * @param maxDifference the largest |difference| of a double output column
     */
    public record Report(long differingRows, long labelFlips, double maxDifference) {
        @Override
        public String toString() {
            return differingRows + " rows differ, " + labelFlips + " label flips, max |difference| " + maxDifference;
        }
    }

    private StageComparison() {
    }

    /** {@link #compare} that must find no difference at all: the rows differing, for an assertion on 0. */
    public static long differences(Dataset<Row> scored, Dataset<Row> expected) {
        return compare(scored, expected).differingRows();
    }

    /**
     * {@code scored} (with a {@code position} column) against {@code expected} (an engine's predictions, whose
     * {@code row} column is the position, or another stage's output with {@code position}), in one job.
     */
    public static Report compare(Dataset<Row> scored, Dataset<Row> expected) {
        Dataset<Row> renamed = Arrays.asList(expected.columns()).contains("row")
                ? expected.withColumnRenamed("row", "position") : expected;
        List<String> outputs = Arrays.stream(renamed.columns()).filter(c -> !c.equals("position")).toList();
        Dataset<Row> s = scored.select(columns(outputs)).alias("s");
        Dataset<Row> e = renamed.select(columns(outputs)).alias("e");
        Column same = functions.col("s.position").eqNullSafe(functions.col("e.position"));
        Column worst = functions.lit(0.0);
        for (String c : outputs) {
            same = same.and(text("s." + c).eqNullSafe(text("e." + c)));
            if (!c.equals("prediction")) {
                worst = functions.greatest(worst, functions.coalesce(functions.abs(
                        functions.col("s." + c).minus(functions.col("e." + c))), functions.lit(0.0)));
            }
        }
        Row totals = s.join(e, functions.col("s.position").equalTo(functions.col("e.position")), "full_outer")
                .agg(functions.sum(functions.when(same, 0).otherwise(1)),
                        functions.sum(functions.when(text("s.prediction").eqNullSafe(text("e.prediction")), 0)
                                .otherwise(1)),
                        functions.max(worst))
                .first();
        return new Report(totals.isNullAt(0) ? 0 : totals.getLong(0), totals.isNullAt(1) ? 0 : totals.getLong(1),
                totals.isNullAt(2) ? 0 : totals.getDouble(2));
    }

    private static Column[] columns(List<String> outputs) {
        Column[] all = new Column[outputs.size() + 1];
        all[0] = functions.col("position").cast("long");
        for (int i = 0; i < outputs.size(); i++) {
            all[i + 1] = functions.col("`" + outputs.get(i) + "`");
        }
        return all;
    }

    private static Column text(String column) {
        return functions.col(column).cast("string");
    }

    /** A parquet table's rows with {@code position}, each row's index in its file (Spark's own row_index). */
    public static Dataset<Row> withFilePositions(Dataset<Row> table) {
        return table.select(functions.col("*"), functions.col("_metadata.row_index").alias("position"));
    }
}
