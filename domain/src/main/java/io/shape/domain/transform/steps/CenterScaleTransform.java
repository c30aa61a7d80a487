package io.shape.domain.transform.steps;

import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;

import java.util.Map;

/**
 * {@code x - center} then {@code / scale}, per column, each optional: the transform of StandardScaler,
 * RobustScaler and MaxAbsScaler (scikit-learn divides, it does not multiply by a reciprocal).
 */
final class CenterScaleTransform implements FittedTransform {
    private static final long serialVersionUID = 1L;

    private final String step;
    private final String sklearnClass;
    private final int width;
    private final double[] center;
    private final double[] scale;
    private final Map<String, Object> attributes;

    CenterScaleTransform(String step, String sklearnClass, int width, double[] center, double[] scale,
                         Map<String, Object> attributes) {
        this.step = step;
        this.sklearnClass = sklearnClass;
        this.width = width;
        this.center = center == null ? null : center.clone();
        this.scale = scale == null ? null : scale.clone();
        this.attributes = attributes;
        checkWidth(center);
        checkWidth(scale);
    }

    private void checkWidth(double[] v) {
        if (v != null && v.length != width) {
            throw io.shape.domain.ShapeException.invalidInput("saved state of step '" + step + "' (" + sklearnClass
                    + ") has " + v.length + " columns, expected " + width + "; refit the pipeline");
        }
    }

    @Override
    public int inputWidth() {
        return width;
    }

    @Override
    public int outputWidth() {
        return width;
    }

    @Override
    public void apply(double[] in, int inOffset, double[] out, int outOffset) {
        double[] c = center;
        double[] s = scale;
        for (int j = 0; j < width; j++) {
            double v = in[inOffset + j];
            if (c != null) {
                v -= c[j];
            }
            if (s != null) {
                v /= s[j];
            }
            out[outOffset + j] = v;
        }
    }

    @Override
    public FittedState state() {
        return new FittedState(step, sklearnClass, width, width, attributes);
    }
}
