package io.shape.domain.model;

import java.util.List;
import java.util.Map;

/**
 * Where gradient boosting's raw predictions start ({@code _init_raw_predictions}): {@code init='zero'} at 0; a
 * fitted {@code DummyRegressor} at its {@code constant_} (mean, median, quantile or constant: the identity link of
 * every regression loss); a {@code DummyClassifier(strategy='prior')} at the link of its class priors clipped to
 * [eps, 1 − eps] with float32's eps — {@code logit(p₁)} for two classes (half of it for the exponential loss),
 * {@code log(p_k / gmean(p))} for more. Any other init estimator is refused: its predictions depend on the row.
 */
final class BoostingStart {
    private static final double FLOAT32_EPS = Math.ulp(1.0f);

    private BoostingStart() {
    }

    static double[] of(FittedAttributes a, GradientBoosting.Kind kind, int outputs) {
        Object init = a.raw("init_");
        double[] start = new double[outputs];
        if ("zero".equals(init)) {
            return start;
        }
        if (!(init instanceof Map<?, ?> dummy) || !(dummy.get("__class__") instanceof String cls)) {
            throw a.invalid("init_", "is " + FittedAttributes.describe(init) + ", expected 'zero' or a fitted "
                    + "DummyClassifier / DummyRegressor");
        }
        if (cls.equals(DUMMY_REGRESSOR) && kind == GradientBoosting.Kind.REGRESSION) {
            if (!(dummy.get("constant_") instanceof NdArray c) || c.data().length != 1) {
                throw a.invalid("init_.constant_", "is " + FittedAttributes.describe(dummy.get("constant_"))
                        + ", expected one value");
            }
            start[0] = c.data()[0];
            return start;
        }
        if (cls.equals(DUMMY_CLASSIFIER) && kind != GradientBoosting.Kind.REGRESSION) {
            Object strategy = dummy.get("_strategy") != null ? dummy.get("_strategy") : dummy.get("strategy");
            if (!"prior".equals(strategy)) {
                throw a.invalid("init_", "is a DummyClassifier(strategy=" + FittedAttributes.describe(strategy)
                        + "); shape starts gradient boosting from the class priors (strategy='prior', the default)");
            }
            if (!(dummy.get("class_prior_") instanceof NdArray prior) || prior.data().length != Math.max(outputs, 2)) {
                throw a.invalid("init_.class_prior_", "is " + FittedAttributes.describe(dummy.get("class_prior_"))
                        + ", expected one prior per class");
            }
            double[] p = new double[prior.data().length];
            for (int k = 0; k < p.length; k++) {
                p[k] = Math.min(Math.max(prior.data()[k], FLOAT32_EPS), 1 - FLOAT32_EPS);
            }
            if (kind == GradientBoosting.Kind.MULTICLASS) {
                double mean = 0;
                for (double v : p) {
                    mean += Math.log(v);
                }
                double gmean = Math.exp(mean / p.length);
                for (int k = 0; k < outputs; k++) {
                    start[k] = Math.log(p[k] / gmean);
                }
            } else {
                double logit = Math.log(p[1] / (1 - p[1]));
                start[0] = kind == GradientBoosting.Kind.BINARY_EXPONENTIAL ? 0.5 * logit : logit;
            }
            return start;
        }
        throw a.invalid("init_", "is a " + cls + "; shape starts gradient boosting from 'zero' or the Dummy "
                + "estimator scikit-learn fits by default, whose predictions do not depend on the row");
    }

    static final String DUMMY_CLASSIFIER = "sklearn.dummy.DummyClassifier";
    static final String DUMMY_REGRESSOR = "sklearn.dummy.DummyRegressor";
    /** The init estimators a gradient boosting pickle holds: read for their fitted constants only. */
    static final List<String> CLASSES = List.of(DUMMY_CLASSIFIER, DUMMY_REGRESSOR);
}
