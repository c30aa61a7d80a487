package io.shape.domain.transform;

import java.util.Map;

/**
 * One validated preprocessing step of a pipeline, with scikit-learn 1.6.1 semantics: the spec side of the
 * spec → accumulator → fitted transform split. Immutable and serializable, so an engine can ship it.
 */
public sealed interface Step extends java.io.Serializable permits StatelessStep, StatefulStep {
    /** The step's name in the spec (free text; never used to decide behaviour). */
    String name();

    /** The scikit-learn class, e.g. {@code QuantileTransformer}. */
    String sklearnClass();

    /** Every parameter with its effective value, defaults included, in scikit-learn's names (for tracking). */
    Map<String, Object> params();

    /**
     * The widths this step can output for inputs of {@code input} widths, from its parameters alone, so that
     * an exploding or mismatched pipeline is refused before any row is read ({@link WidthPlan}).
     */
    WidthRange outputWidths(WidthRange input);

    /** Rebuilds the fitted transform from state saved by {@link FittedTransform#state()}. */
    FittedTransform restore(FittedState state);

    /**
     * The input width the step was fitted on, when it was fitted before the run ({@link FrozenStep}): a pipeline
     * that gives it another width is refused before any row is read.
     */
    default java.util.OptionalInt fittedInputWidth() {
        return java.util.OptionalInt.empty();
    }

    /**
     * Which outputs may hold NaN when the inputs {@code in} may ({@link FittedTransform#missingAfter}). A step
     * fitted on the run's data does not know its output width yet: it answers one value for all its outputs.
     */
    default boolean[] missingAfter(boolean[] in) {
        return new boolean[] {FittedTransform.anyOf(in) && !imputesMissingValues()};
    }

    /** Whether the step replaces missing values (NaN), so that the input may hold them (SimpleImputer). */
    default boolean imputesMissingValues() {
        return false;
    }
}
