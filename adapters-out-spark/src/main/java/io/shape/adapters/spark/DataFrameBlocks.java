package io.shape.adapters.spark;

import io.shape.domain.data.ValueTally;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A DataFrame's partitions as {@link FeatureBlock}s for fitting: a row's position is its partition's first
 * position (the rows of the partitions before it, counted by a job before) plus its index in the partition,
 * so partitions are consecutive row ranges in partition order, which is the order the fit merges them in.
 * The domain's rule on values is applied block by block, naming the row by that position.
 */
final class DataFrameBlocks implements Function2<Integer, Iterator<Row>, Iterator<FeatureBlock>> {
    private static final long serialVersionUID = 1L;
    private final RowCells cells;
    private final long[] firstPositions;
    private final boolean[] acceptsMissing;

    DataFrameBlocks(RowCells cells, long[] firstPositions, boolean[] acceptsMissing) {
        this.cells = cells;
        this.firstPositions = firstPositions.clone();
        this.acceptsMissing = acceptsMissing.clone();
    }

    @Override
    public Iterator<FeatureBlock> call(Integer partition, Iterator<Row> rows) {
        int width = cells.width();
        String where = cells.location() + " (rows counted across its partitions, in order)";
        return new Iterator<>() {
            private long position = firstPositions[partition];

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public FeatureBlock next() {
                if (!rows.hasNext()) {
                    throw new NoSuchElementException();
                }
                double[] values = new double[FeatureBlock.MAX_ROWS * width];
                long first = position;
                int n = 0;
                while (n < FeatureBlock.MAX_ROWS && rows.hasNext()) {
                    cells.read(rows.next(), position++, where, values, n++ * width);
                }
                ValueTally tally = new ValueTally(width);
                tally.count(values, n, first);
                tally.require(cells.features(), where, acceptsMissing);
                return new FeatureBlock(first, n, n == FeatureBlock.MAX_ROWS ? values : Arrays.copyOf(values, n * width));
            }
        };
    }
}
