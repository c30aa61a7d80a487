package io.shape.adapters.spark;

import io.shape.domain.data.CategoryCodes;
import io.shape.domain.data.ColumnPlan;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

import java.math.BigDecimal;
import java.util.List;

/**
 * Reads the feature cells of a DataFrame's rows (a Spark ML stage's input, not a file the engine scans) into a
 * row of doubles, by the pipeline's {@link ColumnPlan}, converting each type as the engine's scan of a parquet
 * file does: null → NaN, float widened exactly, decimals correctly rounded (Python's {@code float(Decimal)}),
 * booleans 0 and 1, text coded for its encoder (a null text is None, as in a parquet string column).
 */
final class RowCells implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int[] index;
    private final ColumnPlan plan;
    private final List<String> features;
    private final String location;

    /** @param schema the DataFrame's schema, which {@link DataFrameScoring#requireInput} has checked */
    RowCells(StructType schema, List<String> features, ColumnPlan plan, String location) {
        this.features = List.copyOf(features);
        this.plan = plan;
        this.location = location;
        this.index = new int[features.size()];
        for (int c = 0; c < index.length; c++) {
            index[c] = plan.use(c) == ColumnPlan.Use.UNUSED ? -1 : schema.fieldIndex(features.get(c));
        }
    }

    int width() {
        return index.length;
    }

    List<String> features() {
        return features;
    }

    String location() {
        return location;
    }

    /**
     * @param position the row's position in {@code where}, for messages (an unseen category the encoder refuses)
     * @param where    where the row is, for messages
     */
    void read(Row row, long position, String where, double[] into, int offset) {
        for (int c = 0; c < index.length; c++) {
            into[offset + c] = switch (plan.use(c)) {
                case UNUSED -> Double.NaN; // never read by the pipeline
                case CATEGORIES -> category(row, c, position, where);
                case NUMBERS -> number(row.get(index[c]));
                case ENCODED -> throw new IllegalStateException("column " + c + " is read before its survey");
            };
        }
    }

    private double category(Row row, int c, long position, String where) {
        CategoryCodes codes = plan.codes(c);
        if (row.isNullAt(index[c])) {
            return codes.missing(true, features.get(c), where, position);
        }
        return codes.code(row.getString(index[c]), features.get(c), where, position);
    }

    private static double number(Object cell) {
        if (cell == null) {
            return Double.NaN;
        }
        if (cell instanceof Double d) {
            return d;
        }
        if (cell instanceof Float f) {
            return f; // exact widening, as numpy's float32 → float64
        }
        if (cell instanceof BigDecimal d) {
            return d.doubleValue(); // correctly rounded
        }
        if (cell instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        return ((Number) cell).doubleValue(); // integers: round to nearest, as numpy's int64 → float64
    }
}
