package io.shape.adapters.local;

import io.shape.domain.model.Predictions;
import io.shape.domain.transform.BatchScorer;
import io.shape.domain.transform.FittedPipeline;

import java.util.function.LongPredicate;

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

    /**
     * When a pass filters rows (see {@link #transformUsed}): the input positions of the rows that went through,
     * in order, the first {@link #used} of them; null otherwise.
     */
    long[] positions;
    int used;
    private double[] usedInput;

    /**
     * Runs the transforms on the rows {@code rowsUsed} accepts only, gathered at the front of a buffer of
     * this batch; their positions go to {@link #positions}, their count to {@link #used}.
     */
    void transformUsed(LongPredicate rowsUsed, int width) {
        if (positions == null || positions.length < rows) {
            positions = new long[Math.max(rows, 1)];
            usedInput = new double[Math.max(rows, 1) * width];
        }
        int k = 0;
        for (int r = 0; r < rows; r++) {
            long position = firstRow + r;
            if (rowsUsed.test(position)) {
                System.arraycopy(input, r * width, usedInput, k * width, width);
                positions[k++] = position;
            }
        }
        used = k;
        transform(usedInput, k);
    }

    /** Runs the transforms: {@link #kept} then {@link #output}. */
    void transform() {
        transform(input, rows);
    }

    private void transform(double[] in, int n) {
        kept = runner.transform(in, n);
        output = tail == null ? kept : tail.transform(kept, n);
    }
}
