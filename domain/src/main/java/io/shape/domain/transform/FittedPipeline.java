package io.shape.domain.transform;

import java.util.List;

/**
 * Every step of a pipeline fitted: maps a row of feature values to the row the model scores. Immutable;
 * use {@link #newRunner()} per thread for allocation-free transforms.
 */
public record FittedPipeline(List<String> features, List<FittedTransform> transforms)
        implements java.io.Serializable {
    public FittedPipeline {
        features = List.copyOf(features);
        transforms = List.copyOf(transforms);
        int width = features.size();
        for (FittedTransform t : transforms) {
            if (t.inputWidth() != width) {
                throw new IllegalArgumentException("step " + t.state().step() + " expects " + t.inputWidth()
                        + " columns but the previous step gives " + width);
            }
            width = t.outputWidth();
        }
    }

    public int inputWidth() {
        return features.size();
    }

    public int outputWidth() {
        return transforms.isEmpty() ? features.size() : transforms.get(transforms.size() - 1).outputWidth();
    }

    /**
     * The steps {@code [from, to)} of a pipeline over {@code features} as a pipeline of their own, for engines
     * that start a pass from rows kept after step {@code from}: named by the features at the start, x0, x1, ...
     * after a step (names only matter at the start).
     */
    public static FittedPipeline segment(List<String> features, List<FittedTransform> steps, int from, int to) {
        if (from == 0) {
            return new FittedPipeline(features, steps.subList(0, to));
        }
        int width = steps.get(from - 1).outputWidth();
        List<String> names = new java.util.ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            names.add("x" + i);
        }
        return new FittedPipeline(names, steps.subList(from, to));
    }

    /**
     * What a fitting pass through {@code steps[0, to)} keeps for the later passes, as a depth in
     * {@code (from, to]} (the number of steps run; {@code from} is where the pass starts: what is kept
     * already): the step whose output has the fewest columns (the fewest values to hold), the latest among
     * equals (the most work saved); -1 when none is worth it. A copy wider than what is kept now
     * ({@code keptWidth} values per row; {@link Integer#MAX_VALUE} when the pass reads the files) is only
     * worth it when it saves two steps or more per pass: one step over the kept rows is cheaper to redo
     * than a wider copy is to hold. The one rule of both engines; each then checks it has room for the copy.
     */
    public static int depthToKeep(List<FittedTransform> steps, int from, int to, int keptWidth) {
        int best = -1;
        int bestWidth = Integer.MAX_VALUE;
        for (int d = from + 1; d <= to; d++) {
            int w = steps.get(d - 1).outputWidth();
            if (w <= bestWidth) {
                best = d;
                bestWidth = w;
            }
        }
        if (best < 0 || (bestWidth > keptWidth && best - from < 2)) {
            return -1;
        }
        return best;
    }

    /** A transformer with its own scratch buffers, for one thread, for batches of up to {@code maxRows}. */
    public Runner newRunner(int maxRows) {
        return new Runner(this, maxRows);
    }

    /** Applies every transform to a batch of rows; reuses its buffers between calls. Not thread-safe. */
    public static final class Runner {
        private final FittedPipeline pipeline;
        private final double[][] buffers;
        private final int maxRows;

        Runner(FittedPipeline pipeline, int maxRows) {
            this.pipeline = pipeline;
            this.maxRows = maxRows;
            List<FittedTransform> ts = pipeline.transforms();
            this.buffers = new double[ts.size()][];
            for (int i = 0; i < ts.size(); i++) {
                buffers[i] = new double[Math.multiplyExact(maxRows, ts.get(i).outputWidth())];
            }
        }

        /**
         * Transforms {@code rows} row-major rows of feature values; the result (row-major,
         * {@link FittedPipeline#outputWidth()} wide) is valid until the next call.
         */
        public double[] transform(double[] features, int rows) {
            if (rows > maxRows) {
                throw new IllegalArgumentException("batch of " + rows + " rows exceeds " + maxRows);
            }
            double[] in = features;
            List<FittedTransform> ts = pipeline.transforms();
            for (int i = 0; i < ts.size(); i++) {
                ts.get(i).applyBatch(in, buffers[i], rows);
                in = buffers[i];
            }
            return in;
        }
    }
}
