package io.shape.adapters.persistence.pickle;

import io.shape.domain.Excerpt;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pickled {@code numpy.dtype}: built from its code ({@code 'f8'}, {@code 'U3'}, {@code 'O8'}, {@code 'V64'}),
 * then given its byte order and item size by BUILD ({@code (3, '<', subarray, names, fields, elsize, alignment,
 * flags)}). A structured dtype ({@code 'V'} with names, as scikit-learn's tree nodes) also gets its fields:
 * each a numeric scalar dtype at an offset inside the item (nested structures and sub-arrays are refused).
 */
final class NumpyDtype implements Stateful {
    final char kind;
    int itemSize;
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    /** The fields of a structured dtype, in the order of its names; empty for every other dtype. */
    List<Field> fields = List.of();

    /** One field of a structured dtype: its name, its scalar dtype and its byte offset in the item. */
    record Field(String name, NumpyDtype dtype, int offset) {
    }

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
            case 'f', 'i', 'u', 'b', 'O', 'V' -> { }
            case 'U' -> size *= 4;
            case 'S' -> { }
            default -> throw new RefusedPickleException("numpy dtype '" + Excerpt.of(s) + "' is not supported "
                    + "(supported: float, int, uint, bool, str, bytes, object, structured)");
        }
        return new NumpyDtype(kind, size);
    }

    @Override
    public void setState(Object state) {
        if (!(state instanceof Object[] t) || t.length < 8) {
            throw new RefusedPickleException("numpy.dtype state is not the 8-tuple numpy writes");
        }
        if (t[2] != null) {
            throw new RefusedPickleException("sub-array numpy dtypes are not supported");
        }
        order = ">".equals(t[1]) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        if (t[5] instanceof Number n && n.intValue() > 0) {
            itemSize = n.intValue();
        }
        if (t[3] != null || t[4] != null) {
            fields = structure(t[3], t[4]);
        }
    }

    /**
     * The fields of a structured dtype: {@code names} a tuple of strings, {@code fields} a dict of
     * {@code name: (dtype, offset)} (or with a title). Each field is a numeric scalar lying inside the item, so a
     * reader never leaves the array's bytes.
     */
    private List<Field> structure(Object names, Object fieldMap) {
        if (kind != 'V' || !(names instanceof Object[] n) || !(fieldMap instanceof Map<?, ?> m) || n.length != m.size()) {
            throw new RefusedPickleException("numpy dtype " + describe() + " has names and fields that do not match");
        }
        List<Field> out = new ArrayList<>(n.length);
        for (Object name : n) {
            if (!(name instanceof String s) || !(m.get(s) instanceof Object[] f) || f.length < 2 || f.length > 3
                    || !(f[0] instanceof NumpyDtype d) || !(f[1] instanceof Number offset)) {
                throw new RefusedPickleException("numpy structured dtype field " + Excerpt.of(name)
                        + " is not (dtype, offset)");
            }
            if ("fiub".indexOf(d.kind) < 0 || !d.fields.isEmpty() || d.itemSize <= 0) {
                throw new RefusedPickleException("numpy structured dtype field '" + Excerpt.of(s) + "' has dtype "
                        + d.describe() + "; only numeric fields are supported");
            }
            long at = offset.longValue();
            if (at < 0 || at + d.itemSize > itemSize) {
                throw new RefusedPickleException("numpy structured dtype field '" + Excerpt.of(s) + "' lies at bytes "
                        + at + ".." + (at + d.itemSize) + " of an item of " + itemSize);
            }
            out.add(new Field(s, d, (int) at));
        }
        return List.copyOf(out);
    }

    boolean isStructured() {
        return !fields.isEmpty();
    }

    String describe() {
        if (isStructured()) {
            StringBuilder s = new StringBuilder("[");
            for (Field f : fields) {
                s.append(s.length() > 1 ? ", " : "").append(Excerpt.of(f.name())).append(' ').append(f.dtype().describe());
            }
            return s.append(']').toString();
        }
        return (order == ByteOrder.BIG_ENDIAN ? ">" : "<") + kind + itemSize;
    }

    @Override
    public String toString() {
        return "dtype(" + describe() + ")";
    }
}
