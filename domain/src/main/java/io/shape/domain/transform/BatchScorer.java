package io.shape.domain.transform;

import io.shape.domain.model.Model;
import io.shape.domain.model.Predictions;

import java.util.List;

/**
 * Transforms and scores batches of rows for one thread. The last steps that have a column form (e.g.
 * PolynomialFeatures then StandardScaler before an RBF model) run on column-major tiles of
 * {@link Model#COLUMN_BLOCK_ROWS} rows handed straight to the model: the wide row-major intermediates they
 * would otherwise write, read and transpose for the model never exist, and every loop is one over a tile's
 * rows, which the JIT vectorizes. The steps before run row by row as usual; the values are the same to the
 * bit either way.
 */
public final class BatchScorer {
    private final FittedPipeline.Runner rowSteps;
    private final List<FittedTransform> columnSteps;
    private final Model model;
    private final int rowOutputWidth;
    /** The row steps' output transposed, one array per column. */
    private final double[][] tile;
    /** Each column step's output, one array per column. */
    private final double[][][] stepTiles;

    private BatchScorer(FittedPipeline rows, List<FittedTransform> columns, Model model, int maxRows) {
        this.rowSteps = rows.newRunner(maxRows);
        this.columnSteps = columns;
        this.model = model;
        this.rowOutputWidth = rows.outputWidth();
        int tileRows = Model.COLUMN_BLOCK_ROWS;
        this.tile = model.scoresColumns() ? new double[rowOutputWidth][tileRows] : null;
        this.stepTiles = new double[columns.size()][][];
        for (int i = 0; i < columns.size(); i++) {
            stepTiles[i] = new double[columns.get(i).outputWidth()][tileRows];
        }
    }

    /**
     * A scorer of batches of up to {@code maxRows} rows through {@code pipeline} then {@code model}. Column
     * tiles are used when the model scores columns; the column steps are the longest run of steps with a
     * column form at the end of the pipeline.
     */
    public static BatchScorer of(FittedPipeline pipeline, Model model, int maxRows) {
        List<FittedTransform> steps = pipeline.transforms();
        int split = steps.size();
        if (model.scoresColumns()) {
            while (split > 0 && steps.get(split - 1).hasColumnForm()) {
                split--;
            }
        }
        FittedPipeline rows = new FittedPipeline(pipeline.features(), steps.subList(0, split));
        return new BatchScorer(rows, List.copyOf(steps.subList(split, steps.size())), model, maxRows);
    }

    /** Scores {@code rows} row-major rows of the pipeline's input into {@code out[0, rows)}. */
    public void score(double[] features, int rows, Predictions out) {
        double[] x = rowSteps.transform(features, rows);
        if (!model.scoresColumns()) {
            model.score(x, rows, out);
            return;
        }
        int w = rowOutputWidth;
        for (int first = 0; first < rows; first += Model.COLUMN_BLOCK_ROWS) {
            int n = Math.min(Model.COLUMN_BLOCK_ROWS, rows - first);
            for (int r = 0; r < n; r++) {
                int at = (first + r) * w;
                for (int j = 0; j < w; j++) {
                    tile[j][r] = x[at + j];
                }
            }
            double[][] columns = tile;
            for (int i = 0; i < stepTiles.length; i++) {
                columnSteps.get(i).applyColumns(columns, stepTiles[i], n);
                columns = stepTiles[i];
            }
            model.scoreColumns(columns, n, out, first);
        }
    }
}
