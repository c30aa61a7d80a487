package io.shape.adapters.spark;

import io.shape.domain.data.ValueTally;
import io.shape.domain.model.Model;
import io.shape.domain.model.Predictions;
import io.shape.domain.transform.BatchScorer;
import io.shape.domain.transform.FittedPipeline;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Scores a DataFrame partition for a Spark ML stage: its rows in blocks of {@link FeatureBlock#MAX_ROWS}, through
 * the broadcast fitted pipeline and model, each output row being the input row's columns (or only its id column)
 * followed by the outputs. The domain's rule on values (missing, infinite) is applied block by block.
 */
final class RowScorer implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<FittedPipeline> fitted;
    private final Broadcast<Model> model;
    private final RowCells cells;
    private final PredictionColumns columns;
    private final boolean[] acceptsMissing;
    /** The input column kept with the outputs, or −1 to keep them all. */
    private final int idColumn;

    RowScorer(Broadcast<FittedPipeline> fitted, Broadcast<Model> model, RowCells cells, PredictionColumns columns,
              boolean[] acceptsMissing, int idColumn) {
        this.fitted = fitted;
        this.model = model;
        this.cells = cells;
        this.columns = columns;
        this.acceptsMissing = acceptsMissing.clone();
        this.idColumn = idColumn;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        Model scorer = model.value();
        BatchScorer batches = BatchScorer.of(fitted.value(), scorer, FeatureBlock.MAX_ROWS);
        Predictions out = Predictions.of(scorer, FeatureBlock.MAX_ROWS);
        int width = cells.width();
        double[] values = new double[FeatureBlock.MAX_ROWS * width];
        List<Row> block = new ArrayList<>(FeatureBlock.MAX_ROWS);
        // rows are named by their partition and index in it: a DataFrame has no file positions
        String where = cells.location() + " (partition " + TaskContext.getPartitionId() + ", rows counted in it)";
        return new Iterator<>() {
            private long read;
            private int next;

            @Override
            public boolean hasNext() {
                return next < block.size() || rows.hasNext();
            }

            @Override
            public Row next() {
                if (next == block.size()) {
                    if (!rows.hasNext()) {
                        throw new NoSuchElementException();
                    }
                    fill();
                }
                Row input = block.get(next);
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
                columns.outputs(out, next++, row, at);
                return RowFactory.create(row);
            }

            private void fill() {
                block.clear();
                next = 0;
                long first = read;
                while (block.size() < FeatureBlock.MAX_ROWS && rows.hasNext()) {
                    Row row = rows.next();
                    cells.read(row, read, where, values, block.size() * width);
                    block.add(row);
                    read++;
                }
                ValueTally tally = new ValueTally(width);
                tally.count(values, block.size(), first);
                tally.require(cells.features(), where, acceptsMissing);
                batches.score(values, block.size(), out);
            }
        };
    }
}
