package io.shape.domain.transform.numeric;

import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted {@code PCA}, as scikit-learn 1.6.1's {@code _BasePCA.transform} computes it: the row projected on each
 * component ({@code X @ components_.T}), then the projected mean ({@code mean_ @ components_.T}) subtracted, in that
 * order because scikit-learn centres after projecting; with {@code whiten}, divided by
 * {@code sqrt(explained_variance_)} clipped below at the float64 epsilon (so a rank-deficient component does not
 * blow up). The dot products are summed in column order; BLAS may sum in another order or fuse multiply-adds, so
 * values agree to rounding, not to the bit.
 */
final class PcaProjection implements FittedTransform {
    private static final long serialVersionUID = 1L;

    private final String step;
    private final int width;
    private final double[][] components;
    /** Per component, {@code mean_ · components_[k]}. */
    private final double[] projectedMean;
    /** Per component, the whitening divisor; null without whiten. */
    private final double[] scale;
    private final FiniteInput finite;
    private final Map<String, Object> attributes;

    PcaProjection(String step, List<String> names, double[][] components, double[] mean, double[] variance) {
        this.step = step;
        this.width = mean.length;
        this.components = components;
        this.projectedMean = new double[components.length];
        for (int k = 0; k < components.length; k++) {
            projectedMean[k] = dot(mean, 0, components[k]);
        }
        if (variance != null) {
            scale = new double[variance.length];
            double eps = Math.ulp(1.0);
            for (int k = 0; k < scale.length; k++) {
                double s = Math.sqrt(variance[k]);
                scale[k] = s < eps ? eps : s;
            }
        } else {
            scale = null;
        }
        this.finite = new FiniteInput(step, "PCA", names);
        this.attributes = new LinkedHashMap<>();
        attributes.put("components_", components);
        attributes.put("mean_", mean.clone());
        attributes.put("whiten", variance != null);
        if (variance != null) {
            attributes.put("explained_variance_", variance.clone());
        }
    }

    private static double dot(double[] x, int offset, double[] component) {
        double s = 0.0;
        for (int j = 0; j < component.length; j++) {
            s += x[offset + j] * component[j];
        }
        return s;
    }

    @Override
    public int inputWidth() {
        return width;
    }

    @Override
    public int outputWidth() {
        return components.length;
    }

    @Override
    public void apply(double[] in, int inOffset, double[] out, int outOffset) {
        finite.require(in, inOffset, width);
        for (int k = 0; k < components.length; k++) {
            double v = dot(in, inOffset, components[k]) - projectedMean[k];
            out[outOffset + k] = scale == null ? v : v / scale[k];
        }
    }

    @Override
    public FittedState state() {
        return new FittedState(step, "PCA", inputWidth(), outputWidth(), attributes);
    }
}
