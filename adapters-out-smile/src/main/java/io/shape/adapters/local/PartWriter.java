package io.shape.adapters.local;

import java.io.Closeable;
import java.io.IOException;

/** Writes scored rows into one part file. */
interface PartWriter extends Closeable {
    /** Writes rows {@code from .. from+count} of a scored batch. */
    void write(Batch batch, int from, int count) throws IOException;

    /** Stops without finishing the file, which is about to be deleted; frees what {@link #close} frees. */
    default void abort() throws IOException {
        close();
    }
}
