package io.shape.adapters.spark;

import io.shape.domain.data.ValueTally;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A DataFrame's partitions as {@link FeatureBlock}s: the one door by which a Spark ML stage's rows enter the
 * engine, whose fit and scoring then run on blocks as for files. The domain's rule on values is applied block by
 * block, naming a row by its position.
 *
 * <p>For a fit, a row's position is its partition's first position (the rows of the partitions before it,
 * counted by a job before) plus its index in the partition, so partitions are consecutive row ranges in
 * partition order, which is the order the fit merges them in. A transform needs no counting job: rows are
 * named by their partition and their index in it, and each block keeps its input rows, which the outputs are
 * appended to.
 */
final class DataFrameBlocks implements Function2<Integer, Iterator<Row>, Iterator<FeatureBlock>> {
    private static final long serialVersionUID = 1L;
    private final RowCells cells;
    /** Per partition, the position of its first row; null for a transform. */
    private final long[] firstPositions;
    private final boolean[] acceptsMissing;

    private DataFrameBlocks(RowCells cells, long[] firstPositions, boolean[] acceptsMissing) {
        this.cells = cells;
        this.firstPositions = firstPositions == null ? null : firstPositions.clone();
        this.acceptsMissing = acceptsMissing.clone();
    }

    /** Blocks to fit on, positioned across partitions. */
    static DataFrameBlocks forFit(RowCells cells, long[] firstPositions, boolean[] acceptsMissing) {
        return new DataFrameBlocks(cells, firstPositions, acceptsMissing);
    }

    /** Blocks to score, each with its input rows. */
    static DataFrameBlocks forTransform(RowCells cells, boolean[] acceptsMissing) {
        return new DataFrameBlocks(cells, null, acceptsMissing);
    }

    @Override
    public Iterator<FeatureBlock> call(Integer partition, Iterator<Row> rows) {
        int width = cells.width();
        boolean keepRows = firstPositions == null;
        String where = keepRows ? cells.location() + " (partition " + partition + ", rows counted in it)"
                : cells.location() + " (rows counted across its partitions, in order)";
        return new Iterator<>() {
            private long position = keepRows ? 0 : firstPositions[partition];

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
                List<Row> inputs = keepRows ? new ArrayList<>(FeatureBlock.MAX_ROWS) : null;
                long first = position;
                int n = 0;
                while (n < FeatureBlock.MAX_ROWS && rows.hasNext()) {
                    Row row = rows.next();
                    cells.read(row, position++, where, values, n++ * width);
                    if (keepRows) {
                        inputs.add(row);
                    }
                }
                ValueTally tally = new ValueTally(width);
                tally.count(values, n, first);
                tally.require(cells.features(), where, acceptsMissing);
                return new FeatureBlock(first, n, n == FeatureBlock.MAX_ROWS ? values : Arrays.copyOf(values, n * width),
                        null, inputs);
            }
        };
    }
}
