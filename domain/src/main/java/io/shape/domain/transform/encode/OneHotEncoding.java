package io.shape.domain.transform.encode;

import io.shape.domain.ShapeException;
import io.shape.domain.data.ColumnPlan;
import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted {@code OneHotEncoder}, as scikit-learn 1.6.1's {@code transform} computes it (dense; a sparse output
 * holds the same numbers): per column the category index ({@code _transform}), unseen cells handled per
 * {@code handle_unknown}, infrequent categories grouped, the dropped category ({@code _drop_idx_after_grouping})
 * removed and the later ones shifted down, then a 1 at the column's offset plus that index.
 */
final class OneHotEncoding implements FittedTransform {
    private static final long serialVersionUID = 1L;

    /**
     * handle_unknown. scikit-learn 1.6.1 reads {@code 'warn'} as infrequent_if_exist when it codes the cells but
     * tests its own attribute when it groups them, so an unseen cell stays all zeros: {@code IGNORE} here.
     */
    enum Unknown { ERROR, IGNORE, INFREQUENT_IF_EXIST }

    private final String step;
    private final List<String> names;
    private final EncodedColumn[] columns;
    private final Unknown unknown;
    /** Per column the grouped index dropped; the column's category count when none is. */
    private final int[] dropped;
    private final int[] offsets;
    private final int outputWidth;

    OneHotEncoding(String step, List<String> names, EncodedColumn[] columns, Unknown unknown, int[] dropped,
            int[] widths) {
        this.step = step;
        this.names = List.copyOf(names);
        this.columns = columns;
        this.unknown = unknown;
        this.dropped = dropped;
        this.offsets = new int[columns.length];
        int at = 0;
        for (int i = 0; i < columns.length; i++) {
            offsets[i] = at;
            at += widths[i];
        }
        this.outputWidth = at;
    }

    @Override
    public int inputWidth() {
        return columns.length;
    }

    @Override
    public int outputWidth() {
        return outputWidth;
    }

    @Override
    public void apply(double[] in, int inOffset, double[] out, int outOffset) {
        Arrays.fill(out, outOffset, outOffset + outputWidth, 0.0);
        for (int i = 0; i < columns.length; i++) {
            EncodedColumn column = columns[i];
            int index = column.categories().indexOf(in[inOffset + i]);
            boolean seen = index >= 0;
            if (!seen && unknown == Unknown.ERROR) {
                throw Encoders.unseen(step, "OneHotEncoder", names, i, column.categories().describeValue(in[inOffset + i]));
            }
            boolean valid = seen || unknown == Unknown.INFREQUENT_IF_EXIST && column.firstInfrequent() >= 0;
            index = column.grouped(seen ? index : 0, seen, -1);
            if (index == dropped[i]) {
                continue;
            }
            if (index > dropped[i]) {
                index--;
            }
            if (valid) {
                out[outOffset + offsets[i] + index] = 1.0;
            }
        }
    }

    @Override
    public ColumnPlan inputs() {
        return Encoders.plan(columns, unknown == Unknown.ERROR ? java.util.Optional.of("'" + step + "' (OneHotEncoder)")
                : java.util.Optional.empty());
    }

    /** Every output is 0 or 1: a NaN cell is a category or unseen (then refused, or all zeros). */
    @Override
    public boolean[] missingAfter(boolean[] in) {
        return new boolean[outputWidth];
    }

    @Override
    public FittedState state() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("n_categories", Arrays.stream(columns).mapToDouble(c -> c.categories().size()).toArray());
        EncoderFit.save(columns, attributes);
        EncoderFit.saveDropped(dropped, attributes);
        attributes.put("handle_unknown", unknown.name().toLowerCase(java.util.Locale.ROOT));
        return new FittedState(step, "OneHotEncoder", columns.length, outputWidth, attributes);
    }

    /** Its categories_ as labels, those of text columns too, which the saved state keeps apart from the numbers. */
    @Override
    public Map<String, Object> shownAttributes() {
        return CategoryLabels.shown(state(), columns);
    }
}
