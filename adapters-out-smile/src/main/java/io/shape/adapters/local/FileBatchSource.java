package io.shape.adapters.local;

import io.shape.domain.ShapeException;

/** Batches read from the input files, numbering rows from 0 across files. */
final class FileBatchSource implements BatchSource {
    private final RowReader reader;
    private final int capacity;
    private long rows;
    private volatile long[] missing;
    private volatile long nanos;

    FileBatchSource(RowReader reader, int capacity) {
        this.reader = reader;
        this.capacity = capacity;
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
        nanos += System.nanoTime() - start;
        if (n == 0) {
            missing = reader.missingCounts();
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

    /** Missing values per feature column over the whole input; only after the last batch. */
    long[] missingCounts() {
        return missing;
    }

    @Override
    public void close() {
        reader.close();
    }
}
