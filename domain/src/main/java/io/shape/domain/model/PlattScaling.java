package io.shape.domain.model;

/**
 * {@code predict_proba} of an SVC or NuSVC fitted with probability=True, as scikit-learn's bundled libsvm
 * computes it ({@code svm_predict_probability}): each class pair's decision value through its fitted sigmoid
 * ({@code _probA}, {@code _probB}), clipped to [1e-7, 1 − 1e-7], then coupled by Wu, Lin and Weng's second method
 * ({@code multiclass_probability}), iterated until its error is under 0.005 / k or for max(100, k) rounds — two
 * classes too: scikit-learn's libsvm couples them as well, so its binary probabilities are the coupling's
 * approximation of the pair's sigmoid (0.37776 for a sigmoid of 0.37963, measured), not the sigmoid itself. The operations follow libsvm's order, so the doubles match it but for
 * the last bits of {@code exp}.
 */
final class PlattScaling implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final double MIN_PROBABILITY = 1e-7;

    private final double[] probA;
    private final double[] probB;

    PlattScaling(double[] probA, double[] probB) {
        this.probA = probA.clone();
        this.probB = probB.clone();
    }

    /** The probability that pair {@code p}'s first class wins, from libsvm's decision value for the pair. */
    private double pairProbability(int p, double decision) {
        double fApB = decision * probA[p] + probB[p];
        // libsvm's two branches keep 1 − p accurate (no cancellation)
        double sigmoid = fApB >= 0 ? Math.exp(-fApB) / (1.0 + Math.exp(-fApB)) : 1.0 / (1 + Math.exp(fApB));
        return Math.min(Math.max(sigmoid, MIN_PROBABILITY), 1 - MIN_PROBABILITY);
    }

    /** Two classes: the coupled probabilities of row {@code r} from libsvm's decision value for the pair. */
    void binary(double decision, Predictions out, int r) {
        double[] pair = {decision};
        probabilities(2, pair, 0, 1, out, r);
    }

    /**
     * The coupled probabilities of {@code b} rows whose pair decisions are {@code s[at + p * b + r]}, pairs in
     * libsvm's order (0,1), (0,2), ..., into {@code out}'s probabilities from row {@code first}.
     */
    void probabilities(int k, double[] s, int at, int b, Predictions out, int first) {
        double[][] pairwise = new double[k][k];
        double[][] q = new double[k][k];
        double[] qp = new double[k];
        double[] p = new double[k];
        for (int r = 0; r < b; r++) {
            int pair = 0;
            for (int i = 0; i < k; i++) {
                for (int j = i + 1; j < k; j++) {
                    pairwise[i][j] = pairProbability(pair, s[at + pair * b + r]);
                    pairwise[j][i] = 1 - pairwise[i][j];
                    pair++;
                }
            }
            couple(k, pairwise, q, qp, p);
            for (int c = 0; c < k; c++) {
                out.probability[c * out.capacity + first + r] = p[c];
            }
        }
    }

    /** libsvm's {@code multiclass_probability}: the class probabilities {@code p} most consistent with {@code r}. */
    private static void couple(int k, double[][] r, double[][] q, double[] qp, double[] p) {
        int maxIterations = Math.max(100, k);
        double eps = 0.005 / k;
        for (int t = 0; t < k; t++) {
            p[t] = 1.0 / k;
            q[t][t] = 0;
            for (int j = 0; j < t; j++) {
                q[t][t] += r[j][t] * r[j][t];
                q[t][j] = q[j][t];
            }
            for (int j = t + 1; j < k; j++) {
                q[t][t] += r[j][t] * r[j][t];
                q[t][j] = -r[j][t] * r[t][j];
            }
        }
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            // the stopping test recomputes Qp and pQp from p, for accuracy (as libsvm does)
            double pqp = 0;
            for (int t = 0; t < k; t++) {
                qp[t] = 0;
                for (int j = 0; j < k; j++) {
                    qp[t] += q[t][j] * p[j];
                }
                pqp += p[t] * qp[t];
            }
            double maxError = 0;
            for (int t = 0; t < k; t++) {
                maxError = Math.max(maxError, Math.abs(qp[t] - pqp));
            }
            if (maxError < eps) {
                break;
            }
            for (int t = 0; t < k; t++) {
                double diff = (-qp[t] + pqp) / q[t][t];
                p[t] += diff;
                pqp = (pqp + diff * (diff * q[t][t] + 2 * qp[t])) / (1 + diff) / (1 + diff);
                for (int j = 0; j < k; j++) {
                    qp[j] = (qp[j] + diff * q[t][j]) / (1 + diff);
                    p[j] /= (1 + diff);
                }
            }
        }
    }
}
