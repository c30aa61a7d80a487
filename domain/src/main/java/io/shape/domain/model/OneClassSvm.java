package io.shape.domain.model;

import java.util.List;
import java.util.Map;

/**
 * scikit-learn's {@code OneClassSVM}: {@code decision_function = Σ dual_coef_i K(sv_i, x) + intercept_},
 * {@code predict} +1 when the decision is above 0, else −1 (exactly 0 is an outlier, as in libsvm).
 *
 * <p>It always has support vectors: libsvm's one-class solver keeps the dual coefficients in [0, 1] summing
 * to nu × n_samples (nu > 0), so some are non-zero. A pickle without any was altered (or its fit failed),
 * and {@link Estimators} refuses it. scikit-learn 1.6.1 itself would not: its predict check skips empty
 * {@code support_vectors_}, and every decision is then {@code intercept_} alone: with the usual negative
 * intercept every row an outlier (the seed model so altered gives 295 of 295), which no one means to score.
 * SVR, by contrast, can fit no support vectors (every target inside the epsilon tube) and then predicts its
 * intercept for every row, as scikit-learn does: it is not refused.
 */
final class OneClassSvm extends SingleKernelModel {
    private static final long serialVersionUID = 1L;
    private static final List<Object> LABELS = List.of(-1L, 1L);

    OneClassSvm(KernelExpansion expansion, double[] coef, double rho, Map<String, Object> description,
            List<String> warnings) {
        super("OneClassSVM", expansion, coef, rho, LABELS, description, warnings);
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
    public void score(double[] x, int rows, Predictions out) {
        kernelSums(x, rows, out.decision, out);
        label(out, 0, rows);
    }

    @Override
    public boolean scoresColumns() {
        return true;
    }

    @Override
    public void scoreColumns(double[][] columns, int rows, Predictions out, int offset) {
        kernelSumsOfColumns(columns, rows, out.decision, offset, out);
        label(out, offset, rows);
    }

    private static void label(Predictions out, int from, int rows) {
        for (int r = from; r < from + rows; r++) {
            out.label[r] = out.decision[r] > 0 ? 1 : 0;
        }
    }
}
