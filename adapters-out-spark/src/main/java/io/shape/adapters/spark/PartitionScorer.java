package io.shape.adapters.spark;

import io.shape.domain.model.Model;
import io.shape.domain.model.Predictions;
import io.shape.domain.transform.BatchScorer;
import io.shape.domain.transform.FittedPipeline;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Scores one partition block by block (fitted pipeline, then the model, both broadcast) and yields the output
 * rows lazily: the scoring of a {@code --engine spark} run and of a Spark ML stage's transform alike, which
 * differ only in their {@link OutputRows}. A run also counts labels and rows as it goes.
 */
final class PartitionScorer implements FlatMapFunction<Iterator<FeatureBlock>, Row> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<FittedPipeline> fitted;
    private final Broadcast<Model> model;
    private final PredictionColumns columns;
    private final OutputRows outputRows;
    /** Null when nothing counts them (a stage). */
    private final LabelCounts labelCounts;
    private final LongAccumulator rowsScored;

    private PartitionScorer(Broadcast<FittedPipeline> fitted, Broadcast<Model> model, PredictionColumns columns,
                            OutputRows outputRows, LabelCounts labelCounts, LongAccumulator rowsScored) {
        this.fitted = fitted;
        this.model = model;
        this.columns = columns;
        this.outputRows = outputRows;
        this.labelCounts = labelCounts;
        this.rowsScored = rowsScored;
    }

    /** A run's scorer: numbered prediction rows, labels and rows counted. */
    static PartitionScorer forRun(Broadcast<FittedPipeline> fitted, Broadcast<Model> model, PredictionColumns columns,
                                  LabelCounts labelCounts, LongAccumulator rowsScored) {
        return new PartitionScorer(fitted, model, columns, OutputRows.numbered(columns), labelCounts, rowsScored);
    }

    /** A stage's scorer: the input rows (or their id column, when ≥ 0) with their outputs. */
    static PartitionScorer forStage(Broadcast<FittedPipeline> fitted, Broadcast<Model> model,
                                    PredictionColumns columns, int idColumn) {
        return new PartitionScorer(fitted, model, columns, OutputRows.appended(columns, idColumn), null, null);
    }

    @Override
    public Iterator<Row> call(Iterator<FeatureBlock> blocks) {
        Model scorer = model.value();
        BatchScorer batches = BatchScorer.of(fitted.value(), scorer, FeatureBlock.MAX_ROWS);
        Predictions out = Predictions.of(scorer, FeatureBlock.MAX_ROWS);
        return new Iterator<>() {
            private FeatureBlock block;
            private int next;

            @Override
            public boolean hasNext() {
                return (block != null && next < block.rows()) || blocks.hasNext();
            }

            @Override
            public Row next() {
                if (block == null || next == block.rows()) {
                    if (!blocks.hasNext()) {
                        throw new NoSuchElementException();
                    }
                    score(blocks.next());
                }
                return outputRows.row(block, next++, out);
            }

            private void score(FeatureBlock b) {
                batches.score(b.values(), b.rows(), out);
                if (labelCounts != null && columns.predictsLabels()) {
                    long[] counts = new long[columns.labelCount()];
                    for (int r = 0; r < b.rows(); r++) {
                        counts[out.label[r]]++;
                    }
                    labelCounts.add(counts);
                }
                if (rowsScored != null) {
                    rowsScored.add(b.rows());
                }
                block = b;
                next = 0;
            }
        };
    }
}
