package io.shape.adapters.spark;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Packs one scan partition's rows, in the order Spark reads them, into {@link FeatureBlock}s of consecutive
 * positions: a block ends when it is full or when the next row's position does not follow (the partition
 * moves to another file or split), so every block is one range of rows wherever Spark put it.
 */
final class ScanBlocks implements FlatMapFunction<Iterator<InternalRow>, FeatureBlock> {
    private static final long serialVersionUID = 1L;
    private final int width;
    private final CountedRowNumbering.GroupPositions positions;

    ScanBlocks(int width, CountedRowNumbering.GroupPositions positions) {
        this.width = width;
        this.positions = positions;
    }

    @Override
    public Iterator<FeatureBlock> call(Iterator<InternalRow> rows) {
        CountedRowNumbering.Cursor cursor = positions.cursor();
        return new Iterator<>() {
            /** A row read but not in the previous block (its position did not follow); -1 when none. */
            private long pending = -1;
            private final double[] pendingValues = new double[width];

            @Override
            public boolean hasNext() {
                return pending >= 0 || rows.hasNext();
            }

            @Override
            public FeatureBlock next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                double[] values = new double[FeatureBlock.MAX_ROWS * width];
                long first;
                if (pending >= 0) {
                    first = pending;
                    System.arraycopy(pendingValues, 0, values, 0, width);
                    pending = -1;
                } else {
                    InternalRow row = rows.next();
                    first = cursor.position(row);
                    read(row, values, 0);
                }
                int n = 1;
                while (n < FeatureBlock.MAX_ROWS && rows.hasNext()) {
                    InternalRow row = rows.next();
                    long position = cursor.position(row);
                    if (position != first + n) {
                        pending = position;
                        read(row, pendingValues, 0);
                        break;
                    }
                    read(row, values, n * width);
                    n++;
                }
                return new FeatureBlock(first, n, n == FeatureBlock.MAX_ROWS ? values : Arrays.copyOf(values, n * width));
            }

            /** A row's feature values; null (missing) becomes NaN as pandas reads it. */
            private void read(InternalRow row, double[] into, int offset) {
                for (int i = 0; i < width; i++) {
                    into[offset + i] = row.isNullAt(i) ? Double.NaN : row.getDouble(i);
                }
            }
        };
    }
}
