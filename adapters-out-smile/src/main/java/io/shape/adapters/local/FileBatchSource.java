package io.shape.adapters.local;

import io.shape.domain.ShapeException;
import io.shape.domain.data.ValueTally;

/**
 * Batches read from the input files, numbering rows from 0 across files; each batch's values are counted
 * into a {@link ValueTally} as they are read (they are in cache then), for the check of the first pass.
 */
final class FileBatchSource implements BatchSource {
    private final RowReader reader;
    private final int capacity;
    private final ValueTally counting;
    private long rows;
    /** The tally once the last batch is read; volatile, as the reader thread is not the one that asks. */
    private volatile ValueTally counted;
    private volatile long nanos;

    /** @param countValues whether to tally the values (the first pass checks them; later passes read the same) */
    FileBatchSource(RowReader reader, int width, int capacity, boolean countValues) {
        this.reader = reader;
        this.capacity = capacity;
        this.counting = countValues ? new ValueTally(width) : null;
    }

    @Override
    public boolean fill(Batch batch) {
        long start = System.nanoTime();
        int n;
        try {
            n = reader.read(batch.inputBuffer, capacity);
        } catch (ShapeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ShapeException.invalidInput("cannot read the data after row " + rows + ": " + e.getMessage()
                    + "; is the file complete and readable?");
        }
        if (n > 0 && counting != null) {
            counting.count(batch.inputBuffer, n, rows);
        }
        nanos += System.nanoTime() - start;
        if (n == 0) {
            counted = counting;
            return false;
        }
        batch.input = batch.inputBuffer;
        batch.firstRow = rows;
        batch.rows = n;
        rows += n;
        return true;
    }

    /** Time spent reading and decoding, on the reader thread. */
    long readNanos() {
        return nanos;
    }

    @Override
    public boolean needsInputBuffer() {
        return true;
    }

    /** What the whole input's values hold; only after the last batch (null before). */
    ValueTally tally() {
        return counted;
    }

    @Override
    public void close() {
        reader.close();
    }
}
