package io.shape.domain.transform.steps;

import io.shape.domain.ShapeException;
import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FitProgress;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * QuantileTransformer's only pass: a bottom-k sample of rows, keeping the {@code capacity} rows with the
 * smallest (hash(seed, row), row). The kept set depends only on the rows' positions, so merging partitions
 * in any grouping gives the same sample; memory is at most capacity × width values.
 */
final class RowSample implements Accumulator {
    private static final long serialVersionUID = 1L;

    private final QuantileTransformerStep step;
    private final int width;
    private final int capacity;
    private final boolean capIsMemoryLimit;
    private final long seed;
    private long seen;
    private int size;
    private long[] hashes = new long[0];
    private long[] rows = new long[0];
    private double[] values = new double[0];
    /** Max-heap of slots by (hash, row): the root is the first row to evict. */
    private int[] heap = new int[0];

    RowSample(QuantileTransformerStep step, int width, int capacity, boolean capIsMemoryLimit, long seed) {
        this.step = step;
        this.width = width;
        this.capacity = capacity;
        this.capIsMemoryLimit = capIsMemoryLimit;
        this.seed = seed;
    }

    /** The sampling key of a row: SplitMix64's finalizer over the row position offset by the mixed seed. */
    static long hash(long seed, long row) {
        return mix(row * 0x9E3779B97F4A7C15L + mix(seed ^ 0x5DEECE66DL));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public void add(long row, double[] v) {
        seen++;
        offer(hash(seed, row), row, v, 0);
    }

    /**
     * With more rows than the sample holds, the sample is the {@code capacity} rows of smallest (hash, row):
     * found here from the positions alone (a sample of no columns offered every position), so the engine
     * transforms only those rows. Null when every row is kept (or when keeping them all is the memory
     * limit's business).
     */
    @Override
    public LongPredicate rowsUsed(long totalRows) {
        if (capIsMemoryLimit || totalRows <= capacity || capacity == 0) {
            return null;
        }
        RowSample positions = new RowSample(step, 0, capacity, false, seed);
        double[] none = new double[0];
        for (long row = 0; row < totalRows; row++) {
            positions.offer(hash(seed, row), row, none, 0);
        }
        int last = positions.heap[0];
        long lastHash = positions.hashes[last];
        long lastRow = positions.rows[last];
        long s = seed;
        return row -> {
            int c = Long.compareUnsigned(hash(s, row), lastHash);
            return c < 0 || (c == 0 && row <= lastRow);
        };
    }

    @Override
    public void addSkipped(long rows) {
        seen += rows;
    }

    private void offer(long h, long row, double[] src, int srcOffset) {
        if (size < capacity) {
            grow();
            int slot = size;
            hashes[slot] = h;
            rows[slot] = row;
            System.arraycopy(src, srcOffset, values, slot * width, width);
            heap[size] = slot;
            size++;
            siftUp(size - 1);
            return;
        }
        if (capIsMemoryLimit) {
            throw ShapeException.invalidInput("step '" + step.name() + "' (QuantileTransformer): subsample=null "
                    + "keeps every row in memory and the input exceeds " + capacity + " rows; set \"subsample\" "
                    + "(e.g. 10000, scikit-learn's default)");
        }
        int top = heap[0];
        if (Long.compareUnsigned(h, hashes[top]) < 0 || (h == hashes[top] && row < rows[top])) {
            hashes[top] = h;
            rows[top] = row;
            System.arraycopy(src, srcOffset, values, top * width, width);
            siftDown(0);
        }
    }

    private boolean greater(int slotA, int slotB) {
        int c = Long.compareUnsigned(hashes[slotA], hashes[slotB]);
        return c > 0 || (c == 0 && rows[slotA] > rows[slotB]);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!greater(heap[i], heap[parent])) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[parent];
            heap[parent] = t;
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int big = l + 1 < size && greater(heap[l + 1], heap[l]) ? l + 1 : l;
            if (!greater(heap[big], heap[i])) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[big];
            heap[big] = t;
            i = big;
        }
    }

    private void grow() {
        if (size < hashes.length) {
            return;
        }
        int n = (int) Math.min(capacity, Math.max(16L, 2L * hashes.length));
        hashes = Arrays.copyOf(hashes, n);
        rows = Arrays.copyOf(rows, n);
        heap = Arrays.copyOf(heap, n);
        values = Arrays.copyOf(values, Math.multiplyExact(n, width));
    }

    @Override
    public Accumulator emptyCopy() {
        return new RowSample(step, width, capacity, capIsMemoryLimit, seed);
    }

    /** The sample is the rows of smallest (hash, row) among all those offered: no order, bounded. */
    @Override
    public boolean mergesInAnyOrder() {
        return true;
    }

    @Override
    public void merge(Accumulator later) {
        RowSample o = (RowSample) later;
        seen += o.seen;
        for (int i = 0; i < o.size; i++) {
            offer(o.hashes[i], o.rows[i], o.values, i * width);
        }
    }

    @Override
    public FitProgress complete() {
        if (seen == 0) {
            throw ShapeException.invalidInput("step '" + step.name() + "' (QuantileTransformer): no rows to fit on");
        }
        boolean capped = step.nQuantiles() > seen;
        int nq = (int) Math.max(1, Math.min(step.nQuantiles(), seen));
        double[] references = Numpy.linspace01(nq);
        double[][] quantiles = new double[nq][width];
        double[] column = new double[size];
        for (int j = 0; j < width; j++) {
            int m = 0;
            for (int i = 0; i < size; i++) {
                double v = values[i * width + j];
                if (!Double.isNaN(v)) {
                    column[m++] = v;
                }
            }
            Arrays.sort(column, 0, m);
            double running = 0;
            for (int i = 0; i < nq; i++) {
                double q = Numpy.percentile(column, m, references[i] * 100);
                running = i == 0 ? q : Numpy.maximum(running, q);
                quantiles[i][j] = running;
            }
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("n_quantiles_", (long) nq);
        attributes.put("quantiles_", quantiles);
        attributes.put("references_", references);
        attributes.put("n_features_in_", (long) width);
        attributes.put("shape.n_quantiles_capped", capped);
        attributes.put("shape.n_samples_seen", seen);
        attributes.put("shape.n_samples_used", (long) size);
        attributes.put("shape.subsample_seed", seed);
        return new FitProgress.Fitted(new QuantileTransform(step, quantiles, references, attributes));
    }
}
