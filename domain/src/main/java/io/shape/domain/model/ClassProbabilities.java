package io.shape.domain.model;

/**
 * How scikit-learn 1.6.1's {@code LogisticRegression.predict_proba} turns decision values into probabilities:
 * one-vs-rest's logistic function ({@code expit}), normalized over the classes when there are more than two
 * ({@code _predict_proba_lr}, as liblinear does), or the softmax of the decisions (multinomial). The arithmetic
 * follows numpy's order: the row maximum subtracted before {@code exp}, the row summed from the first class.
 */
enum ClassProbabilities {
    ONE_VS_REST, SOFTMAX;

    /**
     * scikit-learn's choice: one-vs-rest when {@code multi_class} is {@code "ovr"}, or {@code "auto"} /
     * {@code "deprecated"} (the default since 1.5) with two classes or the liblinear solver.
     */
    static ClassProbabilities of(Object multiClass, Object solver, int classes) {
        boolean defaulted = multiClass == null || "auto".equals(multiClass) || "deprecated".equals(multiClass);
        boolean ovr = "ovr".equals(multiClass) || "warn".equals(multiClass)
                || defaulted && (classes <= 2 || "liblinear".equals(solver));
        return ovr ? ONE_VS_REST : SOFTMAX;
    }

    /** Two classes from the one decision per row in {@code out.decision}: classes_[0], then classes_[1]. */
    void fromDecision(Predictions out, int first, int rows) {
        int one = out.capacity;
        for (int r = first; r < first + rows; r++) {
            double d = out.decision[r];
            if (this == ONE_VS_REST) {
                double p = expit(d);
                out.probability[r] = 1 - p;
                out.probability[one + r] = p;
            } else { // the softmax of [-d, d]
                double max = Math.max(-d, d);
                double e0 = Math.exp(-d - max);
                double e1 = Math.exp(d - max);
                double sum = e0 + e1;
                out.probability[r] = e0 / sum;
                out.probability[one + r] = e1 / sum;
            }
        }
    }

    /** More classes: the per-class decisions already in {@code out.probability}, replaced by probabilities. */
    void fromScores(Predictions out, int first, int rows, int classes) {
        double[] p = out.probability;
        int stride = out.capacity;
        for (int r = first; r < first + rows; r++) {
            double shift = 0;
            if (this == SOFTMAX) {
                shift = p[r];
                for (int k = 1; k < classes; k++) {
                    shift = Math.max(shift, p[k * stride + r]);
                }
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                int at = k * stride + r;
                p[at] = this == SOFTMAX ? Math.exp(p[at] - shift) : expit(p[at]);
                sum += p[at];
            }
            for (int k = 0; k < classes; k++) {
                p[k * stride + r] /= sum;
            }
        }
    }

    /**
     * Rows whose raw per-class values are in {@code out.classDecision} (gradient boosting): the first class of the
     * largest raw value ({@code argmax}) as label, the softmax of the raw values as probabilities.
     */
    static void softmaxOfDecisions(Predictions out, int first, int rows, int classes) {
        int stride = out.capacity;
        for (int r = first; r < first + rows; r++) {
            int best = 0;
            for (int k = 0; k < classes; k++) {
                out.probability[k * stride + r] = out.classDecision[k * stride + r];
                best = out.classDecision[k * stride + r] > out.classDecision[best * stride + r] ? k : best;
            }
            out.label[r] = best;
        }
        SOFTMAX.fromScores(out, first, rows, classes);
    }

    /** scipy's {@code expit}: {@code 1 / (1 + exp(-x))}. */
    static double expit(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
