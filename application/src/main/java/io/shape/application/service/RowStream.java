package io.shape.application.service;

import io.shape.domain.port.TableColumns;

/** Row-at-a-time view of a {@link TableColumns.Cursor}, so two tables can be walked in step. */
final class RowStream implements AutoCloseable {
    private static final int BATCH = 8192;

    private final TableColumns.Cursor cursor;
    private final int width;
    private final double[] buffer;
    private int filled;
    private int next;
    private int current = -1;

    RowStream(TableColumns.Cursor cursor, int width) {
        this.cursor = cursor;
        this.width = width;
        this.buffer = new double[BATCH * Math.max(1, width)];
    }

    /** Moves to the next row; false at the end. */
    boolean next() {
        if (next == filled) {
            filled = cursor.read(buffer, BATCH);
            next = 0;
            if (filled == 0) {
                return false;
            }
        }
        current = next++;
        return true;
    }

    /** The current row's values start here in {@link #values()}. */
    int offset() {
        return current * width;
    }

    double[] values() {
        return buffer;
    }

    double get(int column) {
        return buffer[current * width + column];
    }

    @Override
    public void close() {
        cursor.close();
    }
}
