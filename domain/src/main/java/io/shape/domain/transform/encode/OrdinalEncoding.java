package io.shape.domain.transform.encode;

import io.shape.domain.data.ColumnPlan;
import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fitted {@code OrdinalEncoder}, as scikit-learn 1.6.1's {@code transform}: the category index after grouping
 * the infrequent ones (a NaN category, {@code _missing_indices}, is kept out of the grouping), then
 * {@code encoded_missing_value} for the NaN category and {@code unknown_value} for unseen cells
 * (handle_unknown='use_encoded_value'); 'error' refuses them.
 */
final class OrdinalEncoding implements FittedTransform {
    private static final long serialVersionUID = 1L;

    private final String step;
    private final List<String> names;
    private final EncodedColumn[] columns;
    /** Per column the index of its NaN category, -1 when it has none. */
    private final int[] missingIndex;
    private final boolean useEncodedValue;
    private final double unknownValue;
    private final double encodedMissingValue;

    OrdinalEncoding(String step, List<String> names, EncodedColumn[] columns, int[] missingIndex,
            boolean useEncodedValue, double unknownValue, double encodedMissingValue) {
        this.step = step;
        this.names = List.copyOf(names);
        this.columns = columns;
        this.missingIndex = missingIndex;
        this.useEncodedValue = useEncodedValue;
        this.unknownValue = unknownValue;
        this.encodedMissingValue = encodedMissingValue;
    }

    @Override
    public int inputWidth() {
        return columns.length;
    }

    @Override
    public int outputWidth() {
        return columns.length;
    }

    @Override
    public void apply(double[] in, int inOffset, double[] out, int outOffset) {
        for (int i = 0; i < columns.length; i++) {
            EncodedColumn column = columns[i];
            int index = column.categories().indexOf(in[inOffset + i]);
            boolean seen = index >= 0;
            if (!seen && !useEncodedValue) {
                throw Encoders.unseen(step, "OrdinalEncoder", names, i, column.categories().describeValue(in[inOffset + i]));
            }
            int grouped = column.grouped(seen ? index : 0, seen, missingIndex[i]);
            double value = grouped;
            if (missingIndex[i] >= 0 && grouped == missingIndex[i]) {
                value = encodedMissingValue;
            }
            out[outOffset + i] = seen ? value : unknownValue;
        }
    }

    @Override
    public ColumnPlan inputs() {
        return Encoders.plan(columns, useEncodedValue ? Optional.empty() : Optional.of("'" + step + "' (OrdinalEncoder)"));
    }

    /** NaN comes out only where the encoder writes it: the NaN category as a NaN encoded_missing_value, or a NaN unknown_value. */
    @Override
    public boolean[] missingAfter(boolean[] in) {
        boolean[] out = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            out[i] = in[i] && (missingIndex[i] >= 0 && Double.isNaN(encodedMissingValue)
                    || useEncodedValue && Double.isNaN(unknownValue));
        }
        return out;
    }

    @Override
    public FittedState state() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("n_categories", Arrays.stream(columns).mapToDouble(c -> c.categories().size()).toArray());
        EncoderFit.save(columns, attributes);
        return new FittedState(step, "OrdinalEncoder", columns.length, columns.length, attributes);
    }

    /** Its categories_ as labels, those of text columns too, which the saved state keeps apart from the numbers. */
    @Override
    public Map<String, Object> shownAttributes() {
        return CategoryLabels.shown(state(), columns);
    }
}
