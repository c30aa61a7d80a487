package io.shape.domain.model;

import java.util.List;
import java.util.Map;

/** scikit-learn's {@code SVR} and {@code NuSVR}: {@code predict = Σ dual_coef_i K(sv_i, x) + intercept_}. */
final class SvmRegressor extends SingleKernelModel {
    private static final long serialVersionUID = 1L;

    SvmRegressor(String estimatorClass, KernelExpansion expansion, double[] coef, double rho,
            Map<String, Object> description, List<String> warnings) {
        super(estimatorClass, expansion, coef, rho, List.of(), description, warnings);
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
    public void score(double[] x, int rows, Predictions out) {
        kernelSums(x, rows, out.value, out);
    }
}
