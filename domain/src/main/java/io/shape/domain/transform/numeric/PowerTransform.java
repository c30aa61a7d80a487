package io.shape.domain.transform.numeric;

import io.shape.domain.ShapeException;
import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted {@code PowerTransformer}, as scikit-learn 1.6.1's {@code transform}: each column through its power
 * transform with its fitted {@code lambdas_[j]}, then, with {@code standardize}, the pickled {@code _scaler}
 * (a StandardScaler: {@code (y - mean_) / scale_}). NaN stays NaN in its own column, as scikit-learn allows it.
 *
 * <ul>
 * <li>yeo-johnson ({@code _yeo_johnson_transform}): for x ≥ 0, {@code log1p(x)} when |λ| &lt; eps, else
 *     {@code ((x + 1)^λ - 1) / λ}; for x &lt; 0 (and NaN, which fails x ≥ 0), {@code -log1p(-x)} when
 *     |λ − 2| ≤ eps, else {@code -((1 - x)^(2-λ) - 1) / (2 - λ)}. eps is {@code np.spacing(1.0)}.</li>
 * <li>box-cox (scipy's {@code special.boxcox}): {@code log(x)} when |λ| &lt; 1e-19; else with t = λ·log(x),
 *     {@code expm1(t) / λ} when t &lt; 709.78, else {@code sign(λ)·exp(t - log|λ|) - 1/λ} (which keeps a large
 *     x^λ/λ finite). Its input must be strictly positive: scikit-learn refuses the table otherwise.</li>
 * </ul>
 * Java's {@code pow}, {@code log1p} and {@code expm1} may differ from the C library's in the last bit.
 */
final class PowerTransform implements FittedTransform {
    private static final long serialVersionUID = 1L;
    private static final double EPS = Math.ulp(1.0);

    enum Method { YEO_JOHNSON, BOX_COX }

    private final String step;
    private final List<String> names;
    private final Method method;
    private final double[] lambdas;
    /** The scaler's mean and scale, or null each when it does not apply them (standardize=False, no _scaler). */
    private final double[] mean;
    private final double[] scale;

    PowerTransform(String step, List<String> names, Method method, double[] lambdas, double[] mean, double[] scale) {
        this.step = step;
        this.names = List.copyOf(names);
        this.method = method;
        this.lambdas = lambdas;
        this.mean = mean;
        this.scale = scale;
    }

    @Override
    public int inputWidth() {
        return lambdas.length;
    }

    @Override
    public int outputWidth() {
        return lambdas.length;
    }

    @Override
    public void apply(double[] in, int inOffset, double[] out, int outOffset) {
        for (int j = 0; j < lambdas.length; j++) {
            double x = in[inOffset + j];
            double y = method == Method.YEO_JOHNSON ? yeoJohnson(x, lambdas[j]) : boxCox(x, lambdas[j], j);
            if (mean != null) {
                y -= mean[j];
            }
            if (scale != null) {
                y /= scale[j];
            }
            out[outOffset + j] = y;
        }
    }

    static double yeoJohnson(double x, double lambda) {
        if (x >= 0) {
            return Math.abs(lambda) < EPS ? Math.log1p(x) : (Math.pow(x + 1, lambda) - 1) / lambda;
        }
        return Math.abs(lambda - 2) > EPS ? -(Math.pow(-x + 1, 2 - lambda) - 1) / (2 - lambda) : -Math.log1p(-x);
    }

    private double boxCox(double x, double lambda, int column) {
        if (x <= 0) {
            throw ShapeException.invalidInput("step '" + step + "' (PowerTransformer, method='box-cox') met " + x
                    + " in its column " + names.get(column) + "; the Box-Cox transformation can only be applied to "
                    + "strictly positive data (scikit-learn refuses the table with a ValueError): fit it with "
                    + "method='yeo-johnson', or remove those rows");
        }
        return boxCox(x, lambda);
    }

    static double boxCox(double x, double lambda) {
        if (Math.abs(lambda) < 1e-19) {
            return Math.log(x);
        }
        double t = lambda * Math.log(x);
        if (t < 709.78) {
            return Math.expm1(t) / lambda;
        }
        return Math.copySign(1.0, lambda) * Math.exp(t - Math.log(Math.abs(lambda))) - 1 / lambda;
    }

    /** NaN in a column stays in that column: the power transform and the scaler are per column. */
    @Override
    public boolean[] missingAfter(boolean[] in) {
        return in.clone();
    }

    @Override
    public FittedState state() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("method", method == Method.YEO_JOHNSON ? "yeo-johnson" : "box-cox");
        attributes.put("lambdas_", lambdas.clone());
        if (mean != null) {
            attributes.put("mean_", mean.clone());
        }
        if (scale != null) {
            attributes.put("scale_", scale.clone());
        }
        return new FittedState(step, "PowerTransformer", lambdas.length, lambdas.length, attributes);
    }
}
