package io.shape.adapters.spark;

import org.apache.spark.api.java.function.FlatMapFunction;
import scala.Tuple2;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Packs a range partition's (position, values) pairs, sorted by position, into {@link FeatureBlock}s of
 * consecutive rows. A gap in the positions means the numbering is wrong, which must never be hidden.
 */
final class BlockBuilder implements FlatMapFunction<Iterator<Tuple2<Long, double[]>>, FeatureBlock> {
    private static final long serialVersionUID = 1L;
    private final int width;

    BlockBuilder(int width) {
        this.width = width;
    }

    @Override
    public Iterator<FeatureBlock> call(Iterator<Tuple2<Long, double[]>> rows) {
        return new Iterator<>() {
            private long expected = -1;

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
                long first = -1;
                int n = 0;
                while (n < FeatureBlock.MAX_ROWS && rows.hasNext()) {
                    Tuple2<Long, double[]> row = rows.next();
                    long position = row._1();
                    if (expected >= 0 && position != expected) {
                        throw new IllegalStateException("row " + position + " follows row " + (expected - 1)
                                + ": the row numbering of the input is inconsistent");
                    }
                    expected = position + 1;
                    if (n == 0) {
                        first = position;
                    }
                    System.arraycopy(row._2(), 0, values, n * width, width);
                    n++;
                }
                double[] exact = n == FeatureBlock.MAX_ROWS ? values : java.util.Arrays.copyOf(values, n * width);
                return new FeatureBlock(first, n, exact);
            }
        };
    }
}
