package io.shape.domain.transform;

/**
 * A step fitted on the data it transforms (e.g. StandardScaler). Fitting runs one or more passes over
 * the step's input rows; each pass feeds an {@link Accumulator} whose {@link Accumulator#complete()} says
 * whether another pass is needed.
 */
public non-sealed interface StatefulStep extends Step {
    /** The accumulator of the first pass over rows of {@code inputWidth} values. */
    Accumulator startFit(int inputWidth);
}
