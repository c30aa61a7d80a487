package io.shape.domain.model;

import java.util.List;
import java.util.Map;

/** scikit-learn's {@code SVR} and {@code NuSVR}: {@code predict = Σ dual_coef_i K(sv_i, x) + intercept_}. */
final class SvmRegressor extends EstimatorModel {
    private static final long serialVersionUID = 1L;

    private final KernelExpansion expansion;
    private final double[] coef;
    private final double rho;

    SvmRegressor(String estimatorClass, KernelExpansion expansion, double[] coef, double rho,
            Map<String, Object> description, List<String> warnings) {
        super(estimatorClass, expansion.features, List.of(), description, warnings);
        this.expansion = expansion;
        this.coef = coef;
        this.rho = rho;
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
        return expansion.singleScratch(rows);
    }

    @Override
    public void score(double[] x, int rows, Predictions out) {
        RowBlock.checkBatch(x, rows, featureCount(), out, scratchSize(rows));
        expansion.decisions(x, rows, coef, rho, out.value, out);
    }
}
