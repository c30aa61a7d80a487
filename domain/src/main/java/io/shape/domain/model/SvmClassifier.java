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
 * ({@code votes + confidence / (3 (|confidence| + 1))}) instead of the vote; with
 * {@code decision_function_shape='ovr'} (the default) that matrix is the decision function.
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
    /** More than two classes with {@code decision_function_shape='ovr'}: the decision function is a matrix. */
    private final boolean classDecisions;
    /** More than two classes with {@code decision_function_shape='ovo'}: libsvm's decision per class pair. */
    private final boolean pairDecisions;
    /** {@code predict_proba} of a model fitted with probability=True; null otherwise. */
    private final PlattScaling platt;

    SvmClassifier(String estimatorClass, KernelExpansion expansion, double[][] coef, double[] rho,
            int[] supportCount, List<Object> labels, boolean breakTies, boolean ovrShape, PlattScaling platt,
            Map<String, Object> description, List<String> warnings) {
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
        this.classDecisions = ovrShape && supportCount.length > 2;
        this.pairDecisions = !ovrShape && supportCount.length > 2;
        this.platt = platt;
    }

    @Override
    public boolean hasProbabilities() {
        return platt != null;
    }

    @Override
    public boolean hasClassDecisions() {
        return classDecisions || pairDecisions;
    }

    /** One-vs-rest: the labels; 'ovo': {@code <i>_vs_<j>} per pair in libsvm's order (0,1), (0,2), ..., (1,2), .... */
    @Override
    public List<String> decisionColumns() {
        if (!pairDecisions) {
            return super.decisionColumns();
        }
        List<String> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < classes(); i++) {
            for (int j = i + 1; j < classes(); j++) {
                pairs.add(labels().get(i) + "_vs_" + labels().get(j));
            }
        }
        return pairs;
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
        // transposed block, kernel values of every support vector, one pair's decisions, libsvm's votes,
        // the one-vs-rest votes and confidences, dot-product lanes
        return expansion.features * b + expansion.count * b + b + 3 * classes() * b
                + BlasDotOrder.laneScratch(expansion.features, b) + (platt == null ? 0 : pairs() * b);
    }

    private int pairs() {
        return classes() * (classes() - 1) / 2;
    }

    @Override
    public void score(double[] x, int rows, Predictions out) {
        RowBlock.checkBatch(x, rows, featureCount(), out, scratchSize(rows));
        RowBlock.checkLabelRoom(this, out);
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
            if (platt != null) {
                platt.binary(dec, out, r); // from libsvm's own decision value, before the sign flip
            }
        }
    }

    private void scoreBlock(double[] x, int first, int b, Predictions out) {
        int features = expansion.features;
        int classes = classes();
        double[] s = out.scratch;
        int kernels = features * b;
        int dec = kernels + expansion.count * b;
        int votes = dec + b;
        int ovrVotes = votes + classes * b;
        int confidence = ovrVotes + classes * b;
        int lanes = confidence + classes * b;
        int plattDecisions = lanes + BlasDotOrder.laneScratch(features, b);
        boolean ovr = breakTies || classDecisions;
        RowBlock.transpose(x, features, first, b, s);
        for (int i = 0; i < expansion.count; i++) {
            expansion.kernel.evaluate(s, b, features, expansion.supportVectors, i, s, kernels + i * b, s, lanes);
        }
        java.util.Arrays.fill(s, votes, lanes, 0.0);
        int p = 0;
        for (int i = 0; i < classes; i++) {
            for (int j = i + 1; j < classes; j++) {
                pairDecision(i, j, p, s, kernels, dec, b);
                if (platt != null) {
                    System.arraycopy(s, dec, s, plattDecisions + p * b, b);
                }
                if (pairDecisions) {
                    // decision_function with the 'ovo' shape is libsvm's value (positive: a vote for i)
                    System.arraycopy(s, dec, out.classDecision, p * out.capacity + first, b);
                }
                for (int r = 0; r < b; r++) {
                    double d = s[dec + r];
                    s[(d > 0 ? votes + i * b : votes + j * b) + r] += 1.0; // libsvm: dec > 0 votes for i
                    if (ovr) {
                        // scikit-learn's _ovr_decision_function(dec < 0, -dec, n): vote i unless dec < 0
                        s[(d < 0 ? ovrVotes + j * b : ovrVotes + i * b) + r] += 1.0;
                        s[confidence + i * b + r] -= -d;
                        s[confidence + j * b + r] += -d;
                    }
                }
                p++;
            }
        }
        if (ovr) {
            // the one-vs-rest decision function, votes + confidence / (3 (|confidence| + 1)), over the votes
            for (int c = 0; c < classes; c++) {
                for (int r = 0; r < b; r++) {
                    double sum = s[confidence + c * b + r];
                    s[ovrVotes + c * b + r] += sum / (3 * (Math.abs(sum) + 1));
                }
                if (classDecisions) {
                    System.arraycopy(s, ovrVotes + c * b, out.classDecision, c * out.capacity + first, b);
                }
            }
        }
        if (platt != null) {
            platt.probabilities(classes, s, plattDecisions, b, out, first);
        }
        int ranked = breakTies ? ovrVotes : votes;
        for (int r = 0; r < b; r++) {
            int best = 0;
            double bestValue = s[ranked + r];
            for (int c = 1; c < classes; c++) {
                double v = s[ranked + c * b + r];
                if (v > bestValue) {
                    best = c;
                    bestValue = v;
                }
            }
            out.label[first + r] = best;
        }
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
