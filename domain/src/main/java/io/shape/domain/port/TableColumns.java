package io.shape.domain.port;

import java.util.List;

/**
 * Out-port: reads numeric columns of a local table (a run's data or its predictions folder) as a stream of
 * row-major doubles, so a report can look at 100M rows without holding them.
 */
public interface TableColumns {
    /**
     * The column names of the table at {@code location} (a file, or a folder of part files read in name
     * order), as its first file has them.
     *
     * @throws io.shape.domain.ShapeException {@code INVALID_INPUT} when the table cannot be read
     */
    List<String> names(String location);

    /**
     * Opens the table for reading {@code columns} (numeric; integers and nulls become doubles and NaN).
     *
     * @throws io.shape.domain.ShapeException {@code INVALID_INPUT} naming a missing or non-numeric column
     */
    Cursor open(String location, List<String> columns);

    /** Sequential reader of the chosen columns, in row order. */
    interface Cursor extends AutoCloseable {
        /** Fills {@code into} with up to {@code maxRows} rows (one value per column each); 0 at the end. */
        int read(double[] into, int maxRows);

        @Override
        void close();
    }
}
