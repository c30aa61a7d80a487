package io.shape.domain.transform;

/**
 * A step fitted on the data it transforms (e.g. StandardScaler). Fitting runs one or more passes over
 * the step's input rows; each pass feeds an {@link Accumulator} whose {@link Accumulator#complete()} says
 * whether another pass is needed.
 */
public non-sealed interface StatefulStep extends Step {
    /** The accumulator of the first pass over rows of {@code inputWidth} values. */
    Accumulator startFit(int inputWidth);

    /**
     * The accumulator of the first pass when the step is the pipeline's first and reads the table's columns as
     * {@code table} says (an encoder's text columns arrive as their survey's codes).
     */
    default Accumulator startFit(int inputWidth, io.shape.domain.data.ColumnPlan table) {
        return startFit(inputWidth);
    }

    /**
     * The survey of the table's text columns this step needs before its fit, when it is the pipeline's first
     * step and encodes text ({@link io.shape.domain.data.ColumnPlan.Use#ENCODED}); empty for a step of numbers.
     */
    default java.util.Optional<io.shape.domain.transform.encode.TextSurvey> textSurvey(java.util.List<String> features) {
        return java.util.Optional.empty();
    }
}
