package io.shape.adapters.local;

/** Gives the rows of one pass as batches, in input order. Used by one thread. */
interface BatchSource extends AutoCloseable {
    /** Sets the batch's rows (input, firstRow, rows); false when there are no more rows. */
    boolean fill(Batch batch);

    /** Whether its batches need their own input buffer (rows read from files) or bring their rows. */
    boolean needsInputBuffer();

    @Override
    void close();
}
