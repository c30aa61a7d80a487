package io.shape.domain.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * scikit-learn 1.6.1's choice between one-vs-rest and softmax probabilities in LogisticRegression.predict_proba
 * (the values themselves are checked against scikit-learn's in the engine contract's pipeline fixtures).
 */
class ClassProbabilitiesTest {
    @Test
    void twoClassesAreOneVsRestUnlessMultinomialIsAsked() {
        assertEquals(ClassProbabilities.ONE_VS_REST, ClassProbabilities.of("deprecated", "lbfgs", 2));
        assertEquals(ClassProbabilities.ONE_VS_REST, ClassProbabilities.of("auto", "lbfgs", 2));
        assertEquals(ClassProbabilities.SOFTMAX, ClassProbabilities.of("multinomial", "lbfgs", 2));
    }

    @Test
    void moreClassesAreSoftmaxUnlessOneVsRestOrLiblinear() {
        assertEquals(ClassProbabilities.SOFTMAX, ClassProbabilities.of("deprecated", "lbfgs", 3));
        assertEquals(ClassProbabilities.SOFTMAX, ClassProbabilities.of(null, "saga", 4));
        assertEquals(ClassProbabilities.ONE_VS_REST, ClassProbabilities.of("ovr", "lbfgs", 3));
        assertEquals(ClassProbabilities.ONE_VS_REST, ClassProbabilities.of("auto", "liblinear", 3));
    }

    @Test
    void binaryProbabilitiesSumToOneInClassOrder() {
        Predictions out = new Predictions(2, 0, 0, 2);
        out.decision[0] = 2.0;
        out.decision[1] = -40.0;
        ClassProbabilities.ONE_VS_REST.fromDecision(out, 0, 2);
        assertEquals(1 / (1 + Math.exp(-2.0)), out.probability(1, 0));
        assertEquals(1 - 1 / (1 + Math.exp(-2.0)), out.probability(0, 0));
        ClassProbabilities.SOFTMAX.fromDecision(out, 0, 2);
        assertEquals(1.0, out.probability(0, 1) + out.probability(1, 1), 1e-15);
        assertEquals(Math.exp(-80.0) / (1 + Math.exp(-80.0)), out.probability(1, 1), 1e-40);
    }
}
