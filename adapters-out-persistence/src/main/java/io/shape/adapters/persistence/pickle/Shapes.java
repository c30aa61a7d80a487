package io.shape.adapters.persistence.pickle;

import io.shape.domain.Excerpt;

import java.util.List;

/** Reads a numpy shape tuple and checks it: non-negative dimensions whose product fits an int. */
final class Shapes {
    private Shapes() {
    }

    static int[] of(Object tuple) {
        Object[] items = tuple instanceof Object[] t ? t
                : tuple instanceof List<?> l ? l.toArray() : null;
        if (items == null) {
            throw new RefusedPickleException("numpy array shape is not a tuple: " + Excerpt.of(tuple));
        }
        int[] shape = new int[items.length];
        long count = 1;
        for (int i = 0; i < items.length; i++) {
            if (!(items[i] instanceof Integer || items[i] instanceof Long)) {
                throw new RefusedPickleException("numpy array shape holds " + Excerpt.of(items[i]));
            }
            long d = ((Number) items[i]).longValue();
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new RefusedPickleException("numpy array dimension " + d + " is out of range");
            }
            count *= Math.max(d, 1);
            if (count > Integer.MAX_VALUE) {
                throw new RefusedPickleException("numpy array shape declares more than 2^31 values");
            }
            shape[i] = (int) d;
        }
        return shape;
    }

    static long count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
