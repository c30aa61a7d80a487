package io.shape.domain.model;

import java.util.List;
import java.util.Map;

/**
 * A kernel model with one row of dual coefficients ({@code OneClassSVM}, {@code SVR}, {@code NuSVR}):
 * each row's sum {@code Σ dual_coef_i K(sv_i, x) + intercept_} is its decision or its prediction.
 */
abstract class SingleKernelModel extends EstimatorModel {
    private static final long serialVersionUID = 1L;

    private final KernelExpansion expansion;
    private final double[] coef;
    private final double rho;

    SingleKernelModel(String estimatorClass, KernelExpansion expansion, double[] coef, double rho,
            List<Object> labels, Map<String, Object> description, List<String> warnings) {
        super(estimatorClass, expansion.features, labels, description, warnings);
        this.expansion = expansion;
        this.coef = coef;
        this.rho = rho;
    }

    @Override
    public final int scratchSize(int rows) {
        return expansion.singleScratch(rows);
    }

    /** {@link #kernelSums} of a column-major block, into {@code sums[offset..]}. */
    final void kernelSumsOfColumns(double[][] columns, int rows, double[] sums, int offset, Predictions out) {
        if (offset < 0 || offset + rows > out.capacity) {
            throw new IllegalArgumentException(rows + " rows from " + offset + " do not fit predictions of capacity "
                    + out.capacity);
        }
        expansion.decisionsOfColumns(columns, rows, coef, rho, sums, offset, out);
    }

    /** Checks the batch and writes each row's kernel sum to {@code sums} (one call per batch, not per row). */
    final void kernelSums(double[] x, int rows, double[] sums, Predictions out) {
        RowBlock.checkBatch(x, rows, featureCount(), out, scratchSize(rows));
        expansion.decisions(x, rows, coef, rho, sums, out);
    }
}
