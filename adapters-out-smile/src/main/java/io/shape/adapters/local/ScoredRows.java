package io.shape.adapters.local;

import io.shape.domain.port.ScoringListener;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Receives scored batches in row order: writes them, counts labels and reports progress. */
final class ScoredRows {
    private final PredictionsFolder folder;
    private final long[] labelCounts;
    private final ScoringListener listener;
    private final long totalRows;
    private long rows;
    private long writeNanos;

    ScoredRows(PredictionsFolder folder, int labels, ScoringListener listener, long totalRows) {
        this.folder = folder;
        this.labelCounts = new long[labels];
        this.listener = listener;
        this.totalRows = totalRows;
    }

    void accept(Batch b) {
        if (labelCounts.length > 0) {
            int[] label = b.predictions.label;
            for (int i = 0; i < b.rows; i++) {
                labelCounts[label[i]]++;
            }
        }
        long start = System.nanoTime();
        try {
            folder.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeNanos += System.nanoTime() - start;
        rows += b.rows;
        listener.progress(rows, totalRows);
    }

    void addWriteNanos(long nanos) {
        writeNanos += nanos;
    }

    long rows() {
        return rows;
    }

    long[] labelCounts() {
        return labelCounts.clone();
    }

    double writeSeconds() {
        return writeNanos / 1e9;
    }
}
