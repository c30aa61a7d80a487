package io.shape.domain.model;

/**
 * Splits a batch of row-major rows into blocks and transposes each block to column-major, the layout
 * that lets per-row sums run with rows in the innermost loop.
 */
final class RowBlock {
    /** Rows per block: a block of a few hundred features stays in L2 while every support vector passes. */
    static final int SIZE = 256;

    private RowBlock() {
    }

    /** The rows a block holds for a batch of {@code rows}. */
    static int rowsFor(int rows) {
        return Math.max(1, Math.min(rows, SIZE));
    }

    /** Copies rows {@code [first, first + count)} of {@code x} into {@code columns} (feature-major). */
    static void transpose(double[] x, int features, int first, int count, double[] columns) {
        for (int r = 0; r < count; r++) {
            int src = (first + r) * features;
            for (int j = 0; j < features; j++) {
                columns[j * count + r] = x[src + j];
            }
        }
    }

    /** {@code out} must hold the per-label values {@code model} writes: sized by {@link Predictions#of}. */
    static void checkLabelRoom(Model model, Predictions out) {
        int labels = model.labels().size();
        int decisions = model.decisionColumns().size();
        if (model.hasProbabilities() && out.probability.length < out.capacity * labels
                || out.classDecision.length < out.capacity * decisions) {
            throw new IllegalArgumentException("predictions hold no room for " + Math.max(labels, decisions)
                    + " values a row (use Predictions.of)");
        }
    }

    static void checkBatch(double[] x, int rows, int features, Predictions out, int scratchNeeded) {
        if (rows < 0 || rows > out.capacity) {
            throw new IllegalArgumentException(rows + " rows do not fit predictions of capacity " + out.capacity);
        }
        if ((long) rows * features > x.length) {
            throw new IllegalArgumentException(rows + " rows of " + features + " features need "
                    + (long) rows * features + " values, got " + x.length);
        }
        if (out.scratch.length < scratchNeeded) {
            throw new IllegalArgumentException("predictions scratch holds " + out.scratch.length
                    + " values, the model needs " + scratchNeeded + " (use Model.scratchSize)");
        }
    }
}
