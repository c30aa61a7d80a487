package io.shape.adapters.local;

import java.io.Closeable;

/** Reads the feature columns of a table as row-major doubles, sequentially, in input row order. */
interface RowReader extends Closeable {
    /** Fills {@code into} with up to {@code maxRows} rows ({@code width} values each); 0 at the end. */
    int read(double[] into, int maxRows);

    @Override
    void close();
}
