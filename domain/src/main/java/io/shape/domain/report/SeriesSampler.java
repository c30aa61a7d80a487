package io.shape.domain.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a {@link SeriesSample} from rows streamed in order, in memory bounded by the bucket count and the
 * anomaly cap whatever the row count: per bucket of consecutive rows it keeps each feature's minimum and
 * maximum, in row order, so a plot of 100M rows still shows every excursion.
 */
public final class SeriesSampler {
    private final List<String> features;
    private final long rowsPerBucket;
    private final int anomalyCap;
    private final Points[] lines;
    private final Points[] marks;
    private final Bucket[] buckets;
    private long rows;
    private long anomalies;

    /**
     * @param expectedRows the run's row count, to size buckets so that at most {@code maxBuckets} are made
     * @param maxBuckets   buckets per feature (two points each); every row is kept when the run is that small
     * @param anomalyCap   anomalous rows marked at most (the first ones, in row order)
     */
    public SeriesSampler(List<String> features, long expectedRows, int maxBuckets, int anomalyCap) {
        if (maxBuckets < 1 || anomalyCap < 0) {
            throw new IllegalArgumentException("maxBuckets must be positive and anomalyCap not negative");
        }
        this.features = List.copyOf(features);
        this.rowsPerBucket = expectedRows <= 2L * maxBuckets ? 1 : (expectedRows + maxBuckets - 1) / maxBuckets;
        this.anomalyCap = anomalyCap;
        int n = features.size();
        this.lines = new Points[n];
        this.marks = new Points[n];
        this.buckets = new Bucket[n];
        for (int f = 0; f < n; f++) {
            lines[f] = new Points();
            marks[f] = new Points();
            buckets[f] = new Bucket();
        }
    }

    /** Adds the next row: its key, its feature values ({@code values[offset ..]}), and whether it is anomalous. */
    public void add(double key, double[] values, int offset, boolean anomalous) {
        for (int f = 0; f < lines.length; f++) {
            double v = values[offset + f];
            if (rowsPerBucket == 1) {
                if (!Double.isNaN(v)) {
                    lines[f].add(key, v);
                }
            } else {
                buckets[f].add(rows, key, v);
            }
        }
        if (anomalous) {
            if (anomalies < anomalyCap) {
                for (int f = 0; f < marks.length; f++) {
                    marks[f].add(key, values[offset + f]);
                }
            }
            anomalies++;
        }
        rows++;
        if (rowsPerBucket > 1 && rows % rowsPerBucket == 0) {
            closeBuckets();
        }
    }

    /** The sample of every row added. */
    public SeriesSample finish(String keyColumn, String anomalyMeaning) {
        closeBuckets();
        List<FeatureSeries> series = new ArrayList<>();
        for (int f = 0; f < lines.length; f++) {
            series.add(new FeatureSeries(features.get(f), lines[f].keys(), lines[f].values(), marks[f].keys(),
                    marks[f].values()));
        }
        return new SeriesSample(keyColumn, series, rows, rowsPerBucket, anomalies, Math.min(anomalies, anomalyCap),
                anomalyMeaning);
    }

    private void closeBuckets() {
        for (int f = 0; f < buckets.length; f++) {
            buckets[f].emitTo(lines[f]);
        }
    }

    /** The extremes of one feature in the current bucket, with the row and key where each occurred. */
    private static final class Bucket {
        private boolean empty = true;
        private long minRow;
        private long maxRow;
        private double minKey;
        private double maxKey;
        private double min;
        private double max;

        void add(long row, double key, double v) {
            if (Double.isNaN(v)) {
                return;
            }
            if (empty || v < min) {
                min = v;
                minKey = key;
                minRow = row;
            }
            if (empty || v > max) {
                max = v;
                maxKey = key;
                maxRow = row;
            }
            empty = false;
        }

        void emitTo(Points line) {
            if (empty) {
                return;
            }
            if (minRow == maxRow) {
                line.add(minKey, min);
            } else if (minRow < maxRow) {
                line.add(minKey, min);
                line.add(maxKey, max);
            } else {
                line.add(maxKey, max);
                line.add(minKey, min);
            }
            empty = true;
        }
    }

    /** A growable list of (key, value) points. */
    private static final class Points {
        private double[] keys = new double[64];
        private double[] values = new double[64];
        private int size;

        void add(double key, double value) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            keys[size] = key;
            values[size] = value;
            size++;
        }

        double[] keys() {
            return Arrays.copyOf(keys, size);
        }

        double[] values() {
            return Arrays.copyOf(values, size);
        }
    }
}
