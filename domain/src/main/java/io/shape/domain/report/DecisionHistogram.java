package io.shape.domain.report;

/**
 * The distribution of {@code decision_function} over a run: {@code counts[i]} values fall in
 * {@code [edges[i], edges[i+1])} (the last bin also holds its upper edge), plus how many rows lie within
 * {@code nearWidth} of the decision boundary 0, where a tiny numeric difference flips the label.
 */
public record DecisionHistogram(double[] edges, long[] counts, long nearBoundary, double nearWidth, long rows,
                                long missing) {
    /** The usual width of the band around 0 worth counting. */
    public static final double NEAR_WIDTH = 0.01;

    /**
     * Bins values streamed in a second pass, once their range is known. Bin edges fall on multiples of the bin
     * width, so 0 is always an edge and no bin mixes inliers and outliers.
     */
    public static final class Builder {
        private final double start;
        private final double width;
        private final long[] counts;
        private long near;
        private long rows;
        private long missing;

        /** For values in {@code [min, max]}, in about {@code bins} bins. */
        public Builder(double min, double max, int bins) {
            if (!(min <= max) || bins < 1) {
                throw new IllegalArgumentException("need min <= max and bins >= 1, got " + min + ", " + max
                        + ", " + bins);
            }
            double w = (max - min) / bins;
            this.width = w > 0 ? w : 1.0;
            this.start = Math.floor(min / width) * width;
            int n = (int) Math.max(1, Math.ceil((max - start) / width));
            // max may sit exactly on the last edge; it then belongs to the last bin.
            this.counts = new long[n];
        }

        public void add(double v) {
            if (Double.isNaN(v)) {
                missing++;
                return;
            }
            rows++;
            if (Math.abs(v) <= NEAR_WIDTH) {
                near++;
            }
            int i = (int) Math.floor((v - start) / width);
            counts[Math.max(0, Math.min(counts.length - 1, i))]++;
        }

        public DecisionHistogram finish() {
            double[] edges = new double[counts.length + 1];
            for (int i = 0; i < edges.length; i++) {
                edges[i] = start + i * width;
            }
            return new DecisionHistogram(edges, counts.clone(), near, NEAR_WIDTH, rows, missing);
        }
    }
}
