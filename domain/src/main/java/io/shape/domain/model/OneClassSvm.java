package io.shape.domain.model;

import java.util.List;
import java.util.Map;

/**
 * scikit-learn's {@code OneClassSVM}: {@code decision_function = Σ dual_coef_i K(sv_i, x) + intercept_},
 * {@code predict} +1 when the decision is above 0, else −1 (exactly 0 is an outlier, as in libsvm).
 */
final class OneClassSvm extends EstimatorModel {
    private static final long serialVersionUID = 1L;
    private static final List<Object> LABELS = List.of(-1L, 1L);

    private final KernelExpansion expansion;
    private final double[] coef;
    private final double rho;

    OneClassSvm(KernelExpansion expansion, double[] coef, double rho, Map<String, Object> description,
            List<String> warnings) {
        super("OneClassSVM", expansion.features, LABELS, description, warnings);
        this.expansion = expansion;
        this.coef = coef;
        this.rho = rho;
    }

    @Override
    public PredictionKind predictionKind() {
        return PredictionKind.LABEL;
    }

    @Override
    public boolean hasDecisionFunction() {
        return true;
    }

    @Override
    public int scratchSize(int rows) {
        return expansion.singleScratch(rows);
    }

    @Override
    public void score(double[] x, int rows, Predictions out) {
        RowBlock.checkBatch(x, rows, featureCount(), out, scratchSize(rows));
        expansion.decisions(x, rows, coef, rho, out.decision, out);
        for (int r = 0; r < rows; r++) {
            out.label[r] = out.decision[r] > 0 ? 1 : 0;
        }
    }
}
