package io.shape.adapters.local;

import io.shape.domain.model.Predictions;
import io.shape.domain.transform.BatchScorer;
import io.shape.domain.transform.FittedPipeline;

/**
 * A block of consecutive input rows on its way through a pass, with the buffers every stage writes into:
 * batches are pooled and reused, so the hot path allocates nothing per row.
 */
final class Batch {
    /** Position of the batch in the pass, 0, 1, 2, ...; decides hand-off order. */
    long sequence;
    /** Input position of the first row. */
    long firstRow;
    int rows;
    /** Row-major input rows: {@link #inputBuffer}, or rows kept in memory by an earlier pass. */
    double[] input;
    /** Row-major rows after the pass's transforms; valid until the batch is reused. */
    double[] output;
    /** Row-major rows after the first {@link #runner}'s transforms, the ones a pass keeps for later passes. */
    double[] kept;

    final double[] inputBuffer;
    final FittedPipeline.Runner runner;
    /** The pass's transforms after the kept rows, or null when the kept rows are the output. */
    final FittedPipeline.Runner tail;
    /** Model outputs when the pass scores, else null. */
    final Predictions predictions;
    /** The pass's transforms and model together, when it scores without keeping rows; else null. */
    final BatchScorer scorer;

    Batch(double[] inputBuffer, FittedPipeline.Runner runner, Predictions predictions) {
        this(inputBuffer, runner, null, predictions, null);
    }

    Batch(double[] inputBuffer, FittedPipeline.Runner runner, FittedPipeline.Runner tail, Predictions predictions,
          BatchScorer scorer) {
        this.inputBuffer = inputBuffer;
        this.runner = runner;
        this.tail = tail;
        this.predictions = predictions;
        this.scorer = scorer;
    }

    /** Transforms and scores with {@link #scorer}. */
    void score() {
        scorer.score(input, rows, predictions);
    }

    /** Runs the transforms: {@link #kept} then {@link #output}. */
    void transform() {
        kept = runner.transform(input, rows);
        output = tail == null ? kept : tail.transform(kept, rows);
    }
}
