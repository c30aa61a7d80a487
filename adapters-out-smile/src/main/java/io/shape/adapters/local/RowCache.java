package io.shape.adapters.local;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows kept in memory between passes (the input of a step, or the raw features) when they are small, so
 * that later passes need not read and transform the files again. Gives up, freeing its rows, as soon as
 * it would exceed its byte limit.
 */
final class RowCache {
    private final int width;
    private final long limitBytes;
    private final List<double[]> chunks = new ArrayList<>();
    private final List<Integer> chunkRows = new ArrayList<>();
    private long bytes;
    private long rows;
    private boolean abandoned;

    RowCache(int width, long limitBytes) {
        this.width = width;
        this.limitBytes = limitBytes;
    }

    /** Keeps a copy of {@code rows} rows of {@code values} (called in row order). */
    void append(double[] values, int count) {
        if (abandoned) {
            return;
        }
        long size = (long) count * width * Double.BYTES;
        if (bytes + size > limitBytes) {
            abandoned = true;
            chunks.clear();
            chunkRows.clear();
            return;
        }
        double[] copy = new double[count * width];
        System.arraycopy(values, 0, copy, 0, copy.length);
        chunks.add(copy);
        chunkRows.add(count);
        bytes += size;
        rows += count;
    }

    boolean complete() {
        return !abandoned;
    }

    int width() {
        return width;
    }

    long rows() {
        return rows;
    }

    /** The kept rows as batches; the batches point at the kept arrays, which nobody writes to. */
    BatchSource source() {
        return new BatchSource() {
            private int next;
            private long firstRow;

            @Override
            public boolean fill(Batch batch) {
                if (next == chunks.size()) {
                    return false;
                }
                batch.input = chunks.get(next);
                batch.rows = chunkRows.get(next);
                batch.firstRow = firstRow;
                firstRow += batch.rows;
                next++;
                return true;
            }

            @Override
            public boolean needsInputBuffer() {
                return false;
            }

            @Override
            public void close() {
            }
        };
    }
}
