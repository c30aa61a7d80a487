package io.shape.domain.transform.encode;

/**
 * One input column of a fitted encoder: its categories, and how fitting grouped the infrequent ones
 * ({@code min_frequency} / {@code max_categories}): {@code _infrequent_indices} and
 * {@code _default_to_infrequent_mappings} of scikit-learn's {@code _BaseEncoder}.
 *
 * @param firstInfrequent the first of the infrequent categories' indices, -1 when none are
 * @param grouping        category index → index after grouping (infrequent ones share the last); null when
 *                        nothing was grouped. Shorter than the categories when the encoder keeps NaN out of the
 *                        grouping (OrdinalEncoder)
 */
record EncodedColumn(Categories categories, int firstInfrequent, int[] grouping) implements java.io.Serializable {
    /** {@code _map_infrequent_categories} for one cell: an unseen cell takes the first infrequent index first. */
    int grouped(int index, boolean seen, int ungroupedIndex) {
        int i = !seen && firstInfrequent >= 0 ? firstInfrequent : index;
        if (grouping == null || i == ungroupedIndex) {
            return i;
        }
        return grouping[i];
    }
}
