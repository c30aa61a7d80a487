package io.shape.adapters.persistence.pickle;

import io.shape.domain.Excerpt;

import java.nio.ByteOrder;

/**
 * A pickled {@code numpy.dtype}: built from its code ({@code 'f8'}, {@code 'U3'}, {@code 'O8'}), then given
 * its byte order and item size by BUILD ({@code (3, '<', subarray, names, fields, elsize, alignment, flags)}).
 */
final class NumpyDtype implements Stateful {
    final char kind;
    int itemSize;
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    private NumpyDtype(char kind, int itemSize) {
        this.kind = kind;
        this.itemSize = itemSize;
    }

    /** {@code numpy.dtype(code, align, copy)}. */
    static NumpyDtype of(Object code) {
        if (!(code instanceof String s) || s.isEmpty()) {
            throw new RefusedPickleException("numpy.dtype with code " + Excerpt.of(code) + " is not supported");
        }
        char kind = s.charAt(0);
        int size;
        try {
            size = s.length() > 1 ? Integer.parseInt(s.substring(1)) : 0;
        } catch (NumberFormatException e) {
            throw new RefusedPickleException("numpy dtype '" + Excerpt.of(s) + "' is not supported");
        }
        switch (kind) {
            case 'f', 'i', 'u', 'b', 'O' -> { }
            case 'U' -> size *= 4;
            case 'S' -> { }
            default -> throw new RefusedPickleException("numpy dtype '" + Excerpt.of(s) + "' is not supported "
                    + "(supported: float, int, uint, bool, str, bytes, object)");
        }
        return new NumpyDtype(kind, size);
    }

    @Override
    public void setState(Object state) {
        if (!(state instanceof Object[] t) || t.length < 8) {
            throw new RefusedPickleException("numpy.dtype state is not the 8-tuple numpy writes");
        }
        if (t[2] != null || t[3] != null || t[4] != null) {
            throw new RefusedPickleException("structured or sub-array numpy dtypes are not supported");
        }
        order = ">".equals(t[1]) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        if (t[5] instanceof Number n && n.intValue() > 0) {
            itemSize = n.intValue();
        }
    }

    String describe() {
        return (order == ByteOrder.BIG_ENDIAN ? ">" : "<") + kind + itemSize;
    }

    @Override
    public String toString() {
        return "dtype(" + describe() + ")";
    }
}
