package io.shape.domain.model;

import java.util.List;
import java.util.Map;

/**
 * scikit-learn's {@code SVC} and {@code NuSVC}: libsvm's one-vs-one decision values and voting.
 *
 * <p>For each class pair (i, j), i &lt; j: {@code dec = Σ_{sv of i} coef[j-1]·K + Σ_{sv of j} coef[i]·K − rho};
 * {@code dec > 0} votes for i, otherwise for j; the class with most votes wins, ties going to the lower
 * class index. Binary models expose {@code decision_function = −dec} (scikit-learn flips the sign so that
 * positive means {@code classes_[1]}). With {@code break_ties=True} and more than two classes,
 * {@code predict} is the argmax of the one-vs-rest decision function
 * ({@code votes + confidence / (3 (|confidence| + 1))}) instead of the vote.
 */
final class SvmClassifier extends EstimatorModel {
    private static final long serialVersionUID = 1L;

    private final KernelExpansion expansion;
    /** {@code _dual_coef_}: (classes − 1) rows of {@code count} coefficients. */
    private final double[][] coef;
    /** libsvm's rho per class pair: {@code −_intercept_}. */
    private final double[] rho;
    private final int[] start;
    private final int[] supportCount;
    private final boolean breakTies;

    SvmClassifier(String estimatorClass, KernelExpansion expansion, double[][] coef, double[] rho,
            int[] supportCount, List<Object> labels, boolean breakTies, Map<String, Object> description,
            List<String> warnings) {
        super(estimatorClass, expansion.features, labels, description, warnings);
        this.expansion = expansion;
        this.coef = coef;
        this.rho = rho;
        this.supportCount = supportCount;
        this.start = new int[supportCount.length];
        for (int c = 1; c < supportCount.length; c++) {
            start[c] = start[c - 1] + supportCount[c - 1];
        }
        this.breakTies = breakTies && supportCount.length > 2;
    }

    private int classes() {
        return supportCount.length;
    }

    @Override
    public PredictionKind predictionKind() {
        return PredictionKind.LABEL;
    }

    @Override
    public boolean hasDecisionFunction() {
        return classes() == 2;
    }

    @Override
    public int scratchSize(int rows) {
        if (classes() == 2) {
            return expansion.singleScratch(rows);
        }
        int b = RowBlock.rowsFor(rows);
        // transposed block, kernel values of every support vector, one pair's decisions, votes, confidences,
        // dot-product lanes
        return expansion.features * b + expansion.count * b + b + 2 * classes() * b
                + BlasDotOrder.laneScratch(expansion.features, b);
    }

    @Override
    public void score(double[] x, int rows, Predictions out) {
        RowBlock.checkBatch(x, rows, featureCount(), out, scratchSize(rows));
        if (classes() == 2) {
            scoreBinary(x, rows, out);
        } else {
            for (int first = 0; first < rows; first += RowBlock.SIZE) {
                scoreBlock(x, first, Math.min(RowBlock.SIZE, rows - first), out);
            }
        }
    }

    /** Two classes: one pair over all support vectors in order, so the single-sum path is libsvm's. */
    private void scoreBinary(double[] x, int rows, Predictions out) {
        expansion.decisions(x, rows, coef[0], rho[0], out.decision, out);
        for (int r = 0; r < rows; r++) {
            double dec = out.decision[r];
            out.label[r] = dec > 0 ? 0 : 1;
            out.decision[r] = -dec;
        }
    }

    private void scoreBlock(double[] x, int first, int b, Predictions out) {
        int features = expansion.features;
        int classes = classes();
        double[] s = out.scratch;
        int kernels = features * b;
        int dec = kernels + expansion.count * b;
        int votes = dec + b;
        int confidence = votes + classes * b;
        int lanes = confidence + classes * b;
        RowBlock.transpose(x, features, first, b, s);
        for (int i = 0; i < expansion.count; i++) {
            expansion.kernel.evaluate(s, b, features, expansion.supportVectors, i, s, kernels + i * b, s, lanes);
        }
        java.util.Arrays.fill(s, votes, confidence + classes * b, 0.0);
        int p = 0;
        for (int i = 0; i < classes; i++) {
            for (int j = i + 1; j < classes; j++) {
                pairDecision(i, j, p, s, kernels, dec, b);
                for (int r = 0; r < b; r++) {
                    double d = s[dec + r];
                    if (breakTies) {
                        // scikit-learn's _ovr_decision_function(dec < 0, -dec, n): vote i unless dec < 0
                        s[(d < 0 ? votes + j * b : votes + i * b) + r] += 1.0;
                        s[confidence + i * b + r] -= -d;
                        s[confidence + j * b + r] += -d;
                    } else {
                        s[(d > 0 ? votes + i * b : votes + j * b) + r] += 1.0;
                    }
                }
                p++;
            }
        }
        for (int r = 0; r < b; r++) {
            int best = 0;
            double bestValue = rowScore(s, votes, confidence, b, 0, r);
            for (int c = 1; c < classes; c++) {
                double v = rowScore(s, votes, confidence, b, c, r);
                if (v > bestValue) {
                    best = c;
                    bestValue = v;
                }
            }
            out.label[first + r] = best;
        }
    }

    private double rowScore(double[] s, int votes, int confidence, int b, int c, int r) {
        double v = s[votes + c * b + r];
        if (!breakTies) {
            return v;
        }
        double sum = s[confidence + c * b + r];
        return v + sum / (3 * (Math.abs(sum) + 1));
    }

    /** libsvm's decision for pair p = (i, j) into {@code s[dec .. dec + b)}. */
    private void pairDecision(int i, int j, int p, double[] s, int kernels, int dec, int b) {
        for (int r = 0; r < b; r++) {
            s[dec + r] = 0.0;
        }
        double[] coef1 = coef[j - 1];
        double[] coef2 = coef[i];
        for (int k = start[i]; k < start[i] + supportCount[i]; k++) {
            double c = coef1[k];
            int base = kernels + k * b;
            for (int r = 0; r < b; r++) {
                s[dec + r] += c * s[base + r];
            }
        }
        for (int k = start[j]; k < start[j] + supportCount[j]; k++) {
            double c = coef2[k];
            int base = kernels + k * b;
            for (int r = 0; r < b; r++) {
                s[dec + r] += c * s[base + r];
            }
        }
        double pr = rho[p];
        for (int r = 0; r < b; r++) {
            s[dec + r] -= pr;
        }
    }
}
