package io.shape.domain.transform;

/** What an {@link Accumulator} yields at the end of a pass. */
public sealed interface FitProgress {
    /** Fitting is done. */
    record Fitted(FittedTransform transform) implements FitProgress {}

    /** Another pass over the same input is needed (e.g. the variance after the mean, as numpy computes it). */
    record NextPass(Accumulator accumulator) implements FitProgress {}
}
