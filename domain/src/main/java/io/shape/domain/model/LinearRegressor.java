package io.shape.domain.model;

import java.util.List;
import java.util.Map;

/** scikit-learn's linear regressors ({@code LinearSVR}): {@code predict = X @ coef_ + intercept_}. */
final class LinearRegressor extends EstimatorModel {
    private static final long serialVersionUID = 1L;

    private final LinearScores scores;

    LinearRegressor(String estimatorClass, LinearScores scores, Map<String, Object> description,
            List<String> warnings) {
        super(estimatorClass, scores.features, List.of(), description, warnings);
        this.scores = scores;
    }

    @Override
    public PredictionKind predictionKind() {
        return PredictionKind.VALUE;
    }

    @Override
    public boolean hasDecisionFunction() {
        return false;
    }

    @Override
    public int scratchSize(int rows) {
        return scores.scratchSize(rows);
    }

    @Override
    public void score(double[] x, int rows, Predictions out) {
        RowBlock.checkBatch(x, rows, featureCount(), out, scratchSize(rows));
        for (int first = 0; first < rows; first += RowBlock.SIZE) {
            int b = Math.min(RowBlock.SIZE, rows - first);
            RowBlock.transpose(x, scores.features, first, b, out.scratch);
            scores.score(out.scratch, b, 0, out.value, first);
        }
    }
}
