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
     * The accumulator of the first pass, told its input columns as its messages name them: the table's columns by
     * name ({@code 'color'}) when the step is the pipeline's first, read as {@code table} says (an encoder's text
     * columns arrive as their survey's codes); positions ({@code #0}) of numbers after another step.
     */
    default Accumulator startFit(java.util.List<String> inputs, io.shape.domain.data.ColumnPlan table) {
        return startFit(inputs.size());
    }

    /**
     * The survey of the table's text columns this step needs before its fit, when it is the pipeline's first
     * step and encodes text ({@link io.shape.domain.data.ColumnPlan.Use#ENCODED}); empty for a step of numbers.
     */
    default java.util.Optional<io.shape.domain.transform.encode.TextSurvey> textSurvey(java.util.List<String> features) {
        return java.util.Optional.empty();
    }
}
