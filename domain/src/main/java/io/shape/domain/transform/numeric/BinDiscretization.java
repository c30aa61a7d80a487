package io.shape.domain.transform.numeric;

import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted {@code KBinsDiscretizer}, as scikit-learn 1.6.1's {@code transform}: per column the bin index
 * {@code np.searchsorted(bin_edges_[j][1:-1], x, side='right')}, the number of inner edges at or below x (the
 * outer edges are ignored, so values beyond the fitted range fall in the first or last bin; no epsilon is added).
 * The strategy (uniform, quantile, kmeans) only decided the edges when it was fitted. With {@code encode='ordinal'}
 * the indexes are the output; with 'onehot' or 'onehot-dense' they go through the pickled {@code _encoder} (a
 * OneHotEncoder over the categories 0..n_bins_-1), sparse or dense being the same numbers.
 */
final class BinDiscretization implements FittedTransform {
    private static final long serialVersionUID = 1L;

    private final String step;
    /** Per column, its bin edges without the first and the last. */
    private final double[][] innerEdges;
    /** The pickled one-hot encoder of the bin indexes; null for ordinal. */
    private final FittedTransform encoder;
    private final String encode;
    private final FiniteInput finite;

    BinDiscretization(String step, List<String> names, double[][] innerEdges, FittedTransform encoder, String encode) {
        this.step = step;
        this.innerEdges = innerEdges;
        this.encoder = encoder;
        this.encode = encode;
        this.finite = new FiniteInput(step, "KBinsDiscretizer", names);
    }

    @Override
    public int inputWidth() {
        return innerEdges.length;
    }

    @Override
    public int outputWidth() {
        return encoder == null ? innerEdges.length : encoder.outputWidth();
    }

    @Override
    public void apply(double[] in, int inOffset, double[] out, int outOffset) {
        if (encoder == null) {
            bin(in, inOffset, out, outOffset);
            return;
        }
        double[] bins = new double[innerEdges.length];
        bin(in, inOffset, bins, 0);
        encoder.apply(bins, 0, out, outOffset);
    }

    /** Every row binned into one buffer, then encoded in one batch. */
    @Override
    public void applyBatch(double[] in, double[] out, int rows) {
        int w = innerEdges.length;
        if (encoder == null) {
            FittedTransform.super.applyBatch(in, out, rows);
            return;
        }
        double[] bins = new double[rows * w];
        for (int r = 0; r < rows; r++) {
            bin(in, r * w, bins, r * w);
        }
        encoder.applyBatch(bins, out, rows);
    }

    private void bin(double[] in, int inOffset, double[] out, int outOffset) {
        finite.require(in, inOffset, innerEdges.length);
        for (int j = 0; j < innerEdges.length; j++) {
            out[outOffset + j] = countAtMost(innerEdges[j], in[inOffset + j]);
        }
    }

    /** How many of the sorted {@code edges} are ≤ x: searchsorted's side='right' index. */
    static int countAtMost(double[] edges, double x) {
        int lo = 0;
        int hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The saved state's name of column j's inner edges ({@code bin_edges_[j][1:-1]}). */
    static String innerEdgesKey(int j) {
        return "inner_edges_" + j;
    }

    /** Column j's inner edges from a saved {@link #state()}, or null when it has none. */
    static double[] innerEdges(FittedState state, int j) {
        return state.attributes().get(innerEdgesKey(j)) instanceof double[] e ? e.clone() : null;
    }

    @Override
    public FittedState state() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("encode", encode);
        double[] bins = new double[innerEdges.length];
        for (int j = 0; j < innerEdges.length; j++) {
            bins[j] = innerEdges[j].length + 1;
            // vectors, not a matrix: the columns' edges differ in count
            attributes.put(innerEdgesKey(j), innerEdges[j].clone());
        }
        attributes.put("n_bins_", bins);
        attributes.put("n_features_in_", (long) innerEdges.length);
        return new FittedState(step, "KBinsDiscretizer", inputWidth(), outputWidth(), attributes);
    }
}
