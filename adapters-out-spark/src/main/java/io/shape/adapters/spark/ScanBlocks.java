package io.shape.adapters.spark;

import io.shape.domain.data.CategoryCodes;
import org.apache.spark.sql.types.DecimalType;
import io.shape.domain.data.ColumnPlan;
import io.shape.domain.data.CsvNumber;
import io.shape.domain.data.ValueTally;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Packs one scan partition's rows, in the order Spark reads them, into {@link FeatureBlock}s of consecutive
 * positions: a block ends when it is full or when the next row's position does not follow (the partition
 * moves to another file or split), so every block is one range of rows wherever Spark put it. CSV cells
 * come as text and are read here by the domain's {@link CsvNumber}; the block's tally keeps its text and boolean
 * cells and which columns hold numbers, for the verdict on the whole table ({@link ValueTally#requireNumbers}).
 */
final class ScanBlocks implements FlatMapFunction<Iterator<InternalRow>, FeatureBlock> {
    private static final long serialVersionUID = 1L;
    private final int width;
    private final CountedRowNumbering.GroupPositions positions;
    /** Whether the feature columns are CSV text (else doubles, and strings for an encoder). */
    private final boolean csv;
    private final ColumnPlan plan;
    private final List<String> features;
    private final String location;
    /** Per text column, whether a null is None (parquet text) or NaN (a pandas categorical, CSV). */
    private final boolean[] nullIsNone;
    /** Per feature, its decimal type when it is a decimal read as a number, else null. */
    private final DecimalType[] decimals;

    ScanBlocks(io.shape.domain.data.Dataset dataset, CountedRowNumbering.GroupPositions positions, boolean[] nullIsNone,
            DecimalType[] decimals) {
        this.width = dataset.featureColumns().size();
        this.positions = positions;
        this.csv = dataset.format() == io.shape.domain.data.DataFormat.CSV;
        this.plan = dataset.columns();
        this.features = dataset.featureColumns();
        this.location = dataset.location();
        this.nullIsNone = nullIsNone.clone();
        this.decimals = decimals.clone();
    }

    @Override
    public Iterator<FeatureBlock> call(Iterator<InternalRow> rows) {
        CountedRowNumbering.Cursor cursor = positions.cursor();
        return new Iterator<>() {
            /** A row read but not in the previous block (its position did not follow); -1 when none. */
            private long pending = -1;
            private final double[] pendingValues = new double[width];
            /** Text cells met since the last block was returned: they go with the next one. */
            private ValueTally text;

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
                    read(row, first, values, 0);
                }
                int n = 1;
                while (n < FeatureBlock.MAX_ROWS && rows.hasNext()) {
                    InternalRow row = rows.next();
                    long position = cursor.position(row);
                    if (position != first + n) {
                        pending = position;
                        read(row, position, pendingValues, 0);
                        break;
                    }
                    read(row, position, values, n * width);
                    n++;
                }
                ValueTally found = text;
                text = null;
                return new FeatureBlock(first, n, n == FeatureBlock.MAX_ROWS ? values : Arrays.copyOf(values, n * width),
                        found);
            }

            /** A row's feature values; null (missing) becomes NaN as pandas reads it, text its category code. */
            private void read(InternalRow row, long position, double[] into, int offset) {
                for (int i = 0; i < width; i++) {
                    if (plan.use(i) == ColumnPlan.Use.CATEGORIES) {
                        into[offset + i] = category(row, i, position);
                    } else if (row.isNullAt(i)) {
                        into[offset + i] = Double.NaN;
                    } else if (decimals[i] != null) {
                        // as Python's float(Decimal): correctly rounded (BigDecimal's conversion is)
                        into[offset + i] = row.getDecimal(i, decimals[i].precision(), decimals[i].scale())
                                .toJavaBigDecimal().doubleValue();
                    } else if (!csv) {
                        into[offset + i] = row.getDouble(i);
                    } else {
                        into[offset + i] = csvNumber(row.getUTF8String(i).toString(), i, position);
                    }
                }
            }

            /** A CSV cell of a numeric column; booleans and text are tallied for the verdict on the whole table. */
            private double csvNumber(String cell, int i, long position) {
                if (text == null) {
                    text = new ValueTally(width);
                }
                try {
                    double value = CsvNumber.parse(cell);
                    if (value == value) {
                        text.number(i);
                    }
                    return value;
                } catch (NumberFormatException e) {
                    int bool = CsvNumber.bool(cell);
                    if (bool >= 0) {
                        text.bool(i, position, cell);
                        return bool;
                    }
                    text.text(i, position, cell);
                    return Double.NaN;
                }
            }

            private double category(InternalRow row, int i, long position) {
                return plan.codes(i).cell(row.isNullAt(i) ? null : row.getUTF8String(i).toString(), nullIsNone[i], csv,
                        features.get(i), location, position);
            }
        };
    }
}
