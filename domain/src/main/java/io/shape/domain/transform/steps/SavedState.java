package io.shape.domain.transform.steps;

import io.shape.domain.ShapeException;
import io.shape.domain.transform.FittedState;

/** Typed reads of a saved {@link FittedState}, failing with a message that names the step and attribute. */
final class SavedState {
    private final FittedState state;

    SavedState(FittedState state, String sklearnClass) {
        this.state = state;
        if (!state.sklearnClass().equals(sklearnClass)) {
            throw fail("was saved by " + state.sklearnClass() + ", not " + sklearnClass);
        }
    }

    double[] vector(String name) {
        Object v = state.attributes().get(name);
        if (v instanceof double[] d) {
            return d.clone();
        }
        throw fail("attribute '" + name + "' must be a vector of numbers, got " + describe(v));
    }

    /** A vector attribute that scikit-learn sets to None in some configurations. */
    double[] optionalVector(String name) {
        return state.attributes().get(name) == null ? null : vector(name);
    }

    double[][] matrix(String name) {
        Object v = state.attributes().get(name);
        if (v instanceof double[][] m) {
            double[][] copy = new double[m.length][];
            for (int i = 0; i < m.length; i++) {
                copy[i] = m[i].clone();
            }
            return copy;
        }
        throw fail("attribute '" + name + "' must be a matrix of numbers, got " + describe(v));
    }

    long integer(String name) {
        Object v = state.attributes().get(name);
        if (v instanceof Long l) {
            return l;
        }
        throw fail("attribute '" + name + "' must be an integer, got " + describe(v));
    }

    FittedState state() {
        return state;
    }

    private ShapeException fail(String problem) {
        return ShapeException.invalidInput("saved state of step '" + state.step() + "' (" + state.sklearnClass()
                + "): " + problem + "; refit the pipeline");
    }

    private static String describe(Object v) {
        return v == null ? "nothing" : v.getClass().getSimpleName();
    }
}
