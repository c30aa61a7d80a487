package io.shape.domain.transform.steps;

import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;

import java.util.Map;

/**
 * A fitted step that maps each input column to one output column, so its rows keep their width; it knows
 * its step, class and attributes for {@link #state()}. Subclasses write {@link #apply} themselves.
 */
abstract class ColumnwiseTransform implements FittedTransform {
    private static final long serialVersionUID = 1L;

    private final String step;
    private final String sklearnClass;
    /** Columns in and out. */
    final int width;
    private final Map<String, Object> attributes;

    ColumnwiseTransform(String step, String sklearnClass, int width, Map<String, Object> attributes) {
        this.step = step;
        this.sklearnClass = sklearnClass;
        this.width = width;
        this.attributes = attributes;
    }

    /** The step's name in the spec, for messages. */
    final String step() {
        return step;
    }

    @Override
    public final int inputWidth() {
        return width;
    }

    @Override
    public final int outputWidth() {
        return width;
    }

    @Override
    public final FittedState state() {
        return new FittedState(step, sklearnClass, width, width, attributes);
    }
}
