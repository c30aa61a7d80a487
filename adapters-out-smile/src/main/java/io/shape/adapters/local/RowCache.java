package io.shape.adapters.local;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows kept between passes (the input of a step, or an intermediate result), so that later passes need
 * not read and transform the files again: in memory up to a byte limit; beyond it in a temporary file
 * ({@link RowSpill}) when spilling is allowed, else given up, freeing its rows.
 */
final class RowCache implements AutoCloseable {
    private final int width;
    private final long limitBytes;
    private final int batchRows;
    private final boolean mayUseDisk;
    private final List<double[]> chunks = new ArrayList<>();
    private final List<Integer> chunkRows = new ArrayList<>();
    private long bytes;
    private long rows;
    private boolean abandoned;
    private RowSpill spill;

    RowCache(int width, long limitBytes, int batchRows, boolean mayUseDisk) {
        this.width = width;
        this.limitBytes = limitBytes;
        this.batchRows = batchRows;
        this.mayUseDisk = mayUseDisk;
    }

    /** Keeps a copy of {@code rows} rows of {@code values} (called in row order). */
    void append(double[] values, int count) {
        if (abandoned) {
            return;
        }
        try {
            if (spill != null) {
                spill.append(values, count);
                rows += count;
                return;
            }
            long size = (long) count * width * Double.BYTES;
            if (bytes + size > limitBytes) {
                if (mayUseDisk) {
                    spill = new RowSpill(width, batchRows);
                    for (int i = 0; i < chunks.size(); i++) {
                        spill.append(chunks.get(i), chunkRows.get(i));
                    }
                    spill.append(values, count);
                    rows += count;
                } else {
                    abandoned = true;
                }
                chunks.clear();
                chunkRows.clear();
                bytes = 0;
                return;
            }
        } catch (java.io.UncheckedIOException e) {
            // A full or unwritable temporary folder costs speed, not the run: later passes re-read the input.
            close();
            return;
        }
        long size = (long) count * width * Double.BYTES;
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

    /** Whether the rows went to a temporary file. */
    boolean onDisk() {
        return spill != null;
    }

    /** The kept rows as batches; from memory they point at the kept arrays, which nobody writes to. */
    BatchSource source() {
        if (spill != null) {
            return spill.source();
        }
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

    /** Frees the rows (deletes the temporary file). */
    @Override
    public void close() {
        chunks.clear();
        chunkRows.clear();
        if (spill != null) {
            spill.close();
            spill = null;
        }
        abandoned = true;
    }
}
