package io.shape.domain.transform;

/** A step whose transform depends only on its parameters and input width (e.g. PolynomialFeatures). */
public non-sealed interface StatelessStep extends Step {
    /** The transform for rows of {@code inputWidth} values. */
    FittedTransform bind(int inputWidth);
}
