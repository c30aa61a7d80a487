package io.shape.domain.model;

/** What {@code predict} returns. */
public enum PredictionKind {
    /** An index into {@link Model#labels()}. */
    LABEL,
    /** A number (regression). */
    VALUE
}
