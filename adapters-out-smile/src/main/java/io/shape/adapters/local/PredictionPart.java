package io.shape.adapters.local;

import io.shape.domain.port.PredictionBatch;

import java.io.Closeable;
import java.io.IOException;

/** One predictions part file being read back. */
interface PredictionPart extends Closeable {
    /**
     * Fills {@code batch} from index {@code at} with up to {@code max} rows; returns how many, 0 at the end
     * of the file.
     */
    int read(PredictionBatch batch, int at, int max) throws IOException;

    @Override
    void close();
}
