package io.shape.domain.transform.encode;

import io.shape.domain.transform.FittedState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An encoder's fitted attributes for a report ({@link io.shape.domain.transform.FittedTransform#shownAttributes}):
 * its saved state with {@code categories_} as labels per column, text columns included — the saved state keeps a
 * text column's categories apart ({@code category_texts}, {@code category_none}, {@code category_nan}) and a report
 * shows them together, as scikit-learn prints them. Read-only: what {@code fitted_state.json} stores is unchanged.
 */
final class CategoryLabels {
    private CategoryLabels() {
    }

    static Map<String, Object> shown(FittedState state, EncodedColumn[] columns) {
        Map<String, Object> shown = new LinkedHashMap<>(state.attributes());
        List<List<String>> categories = new ArrayList<>(columns.length);
        for (EncodedColumn column : columns) {
            categories.add(labels(column.categories()));
        }
        shown.put("categories_", categories);
        return shown;
    }

    /** As scikit-learn prints {@code categories_[i]}: texts quoted (so the text 'None' is not None), then None, nan. */
    private static List<String> labels(Categories categories) {
        int texts = categories.isText() ? categories.codes(java.util.Optional.empty()).texts().size() : 0;
        List<String> labels = new ArrayList<>(categories.size());
        for (int k = 0; k < categories.size(); k++) {
            String label = categories.label(k);
            labels.add(k < texts ? "'" + label.replace("\\", "\\\\").replace("'", "\\'") + "'" : label);
        }
        return labels;
    }
}
