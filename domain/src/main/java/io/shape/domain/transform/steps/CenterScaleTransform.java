package io.shape.domain.transform.steps;

import java.util.Map;

/**
 * {@code x - center} then {@code / scale}, per column, each optional: the transform of StandardScaler,
 * RobustScaler and MaxAbsScaler (scikit-learn divides, it does not multiply by a reciprocal).
 */
final class CenterScaleTransform extends ColumnwiseTransform {
    private static final long serialVersionUID = 1L;

    private final double[] center;
    private final double[] scale;

    CenterScaleTransform(String step, String sklearnClass, int width, double[] center, double[] scale,
                         Map<String, Object> attributes) {
        super(step, sklearnClass, width, attributes);
        this.center = center == null ? null : center.clone();
        this.scale = scale == null ? null : scale.clone();
        checkWidth(center, sklearnClass);
        checkWidth(scale, sklearnClass);
    }

    private void checkWidth(double[] v, String sklearnClass) {
        if (v != null && v.length != width) {
            throw io.shape.domain.ShapeException.invalidInput("saved state of step '" + step() + "' (" + sklearnClass
                    + ") has " + v.length + " columns, expected " + width + "; refit the pipeline");
        }
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
}
