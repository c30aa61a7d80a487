package io.shape.domain.data;

import java.util.Arrays;
import java.util.List;

/**
 * How each feature column of a table is read into a row of doubles: as numbers (the default), as text coded for
 * an encoder ({@link CategoryCodes}), or not at all — a column a fitted {@code ColumnTransformer} drops, which
 * scikit-learn never looks at (it need not be in the table, nor be numeric). Both engines read by this plan.
 *
 * <p>A column an encoder fitted on this run reads is {@link Use#ENCODED} until the engine has looked at the
 * table: text there if the table's column is text, numbers otherwise. The codes of a text column come from a
 * survey of its distinct texts ({@code TextSurvey}), and the engine reads by the {@link #resolved} plan.
 */
public final class ColumnPlan implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** What a column is read as. */
    public enum Use { NUMBERS, CATEGORIES, UNUSED, ENCODED }

    private final Use[] uses;
    private final CategoryCodes[] codes;

    private ColumnPlan(Use[] uses, CategoryCodes[] codes) {
        this.uses = uses;
        this.codes = codes;
    }

    /** Every column read as numbers. */
    public static ColumnPlan numbers(int width) {
        Use[] uses = new Use[width];
        Arrays.fill(uses, Use.NUMBERS);
        return new ColumnPlan(uses, new CategoryCodes[width]);
    }

    /** Every column read by an encoder fitted on the run: text or numbers, as the table has it. */
    public static ColumnPlan encoded(int width) {
        Use[] uses = new Use[width];
        Arrays.fill(uses, Use.ENCODED);
        return new ColumnPlan(uses, new CategoryCodes[width]);
    }

    /** @param codes per column: its codes when it is text, else null; {@code unused} columns are not read */
    public static ColumnPlan of(CategoryCodes[] codes, boolean[] unused) {
        Use[] uses = new Use[codes.length];
        for (int c = 0; c < codes.length; c++) {
            uses[c] = unused[c] ? Use.UNUSED : codes[c] != null ? Use.CATEGORIES : Use.NUMBERS;
        }
        return new ColumnPlan(uses, codes.clone());
    }

    public int width() {
        return uses.length;
    }

    public Use use(int column) {
        return uses[column];
    }

    /** The codes of a {@link Use#CATEGORIES} column. */
    public CategoryCodes codes(int column) {
        if (uses[column] != Use.CATEGORIES) {
            throw new IllegalArgumentException("column " + column + " is read as " + uses[column]);
        }
        return codes[column];
    }

    /** Whether the engine must survey the table's text columns before it reads rows ({@link #resolved}). */
    public boolean surveysText() {
        return Arrays.stream(uses).anyMatch(u -> u == Use.ENCODED);
    }

    /**
     * The plan an engine reads by once it knows the table: each {@link Use#ENCODED} column is text with the codes
     * the survey gave it, or numbers where it gave none (a numeric column).
     *
     * @param surveyed per column, the codes of an encoded text column, else null
     */
    public ColumnPlan resolved(CategoryCodes[] surveyed) {
        if (surveyed.length != uses.length) {
            throw new IllegalArgumentException(surveyed.length + " surveyed columns for a plan of " + uses.length);
        }
        Use[] resolved = uses.clone();
        CategoryCodes[] with = codes.clone();
        for (int c = 0; c < uses.length; c++) {
            if (uses[c] == Use.ENCODED) {
                resolved[c] = surveyed[c] != null ? Use.CATEGORIES : Use.NUMBERS;
                with[c] = surveyed[c];
            }
        }
        return new ColumnPlan(resolved, with);
    }

    /** Whether a column is read as text for an encoder. */
    public boolean readsText() {
        return Arrays.stream(uses).anyMatch(u -> u == Use.CATEGORIES);
    }

    /** The columns the table must have: all but the unused ones, in order. */
    public List<String> required(List<String> features) {
        return java.util.stream.IntStream.range(0, uses.length).filter(c -> uses[c] != Use.UNUSED)
                .mapToObj(features::get).toList();
    }
}
