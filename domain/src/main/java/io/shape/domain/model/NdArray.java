package io.shape.domain.model;

import java.util.Arrays;

/**
 * A numpy array as a fitted estimator holds it: values in C (row-major) order, whatever the order and
 * dtype of the pickle it came from, and its shape.
 */
public record NdArray(double[] data, int[] shape) implements java.io.Serializable {
    public NdArray {
        shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + data.length);
        }
    }

    public int rows() {
        return shape.length == 0 ? 1 : shape[0];
    }

    public int columns() {
        return shape.length < 2 ? 1 : shape[1];
    }

    public double get(int row, int column) {
        return data[row * columns() + column];
    }

    /** The shape, not the values: messages show arrays this way, whatever their size. */
    @Override
    public String toString() {
        return "an array of shape " + Arrays.toString(shape);
    }
}
