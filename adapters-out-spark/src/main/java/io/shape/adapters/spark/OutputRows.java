package io.shape.adapters.spark;

import io.shape.domain.model.Predictions;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * What the scorer yields for a scored row: the only place where a {@code --engine spark} run and a Spark ML
 * stage's transform differ once their rows are blocks.
 */
interface OutputRows extends java.io.Serializable {
    /** The output of row {@code r} of {@code block}, whose outputs are row {@code r} of {@code out}. */
    Row row(FeatureBlock block, int r, Predictions out);

    /** A run's predictions file: the row's position in the input, then the outputs ({@link PredictionColumns#schema}). */
    static OutputRows numbered(PredictionColumns columns) {
        return (block, r, out) -> columns.row(block.firstRow() + r, out, r);
    }

    /**
     * A stage's output: the input row's columns (or only its column {@code idColumn} when that is ≥ 0), then
     * the outputs ({@link PredictionColumns#outputFields}).
     */
    static OutputRows appended(PredictionColumns columns, int idColumn) {
        return (block, r, out) -> {
            Row input = block.inputs().get(r);
            Object[] row;
            int at;
            if (idColumn < 0) {
                row = new Object[input.length() + columns.outputWidth()];
                for (int i = 0; i < input.length(); i++) {
                    row[i] = input.get(i);
                }
                at = input.length();
            } else {
                row = new Object[1 + columns.outputWidth()];
                row[0] = input.get(idColumn);
                at = 1;
            }
            columns.outputs(out, r, row, at);
            return RowFactory.create(row);
        };
    }
}
