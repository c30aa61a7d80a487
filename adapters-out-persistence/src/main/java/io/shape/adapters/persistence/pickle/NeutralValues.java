package io.shape.adapters.persistence.pickle;

import io.shape.domain.Excerpt;
import io.shape.domain.pickled.PickledPipeline;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts what the unpickler built into the domain's neutral values: tuples, lists and sets become
 * {@link List}, dicts {@link Map}, Python ints {@link Long} (or {@link Double} beyond 64 bits), numpy
 * arrays {@link io.shape.domain.model.NdArray} or lists. Shared objects are converted once, so the result
 * takes no more memory than the pickle.
 *
 * <p>What a pickle may build is bounded before anything is converted, counting a shared object each time it
 * is used, because that is what anything walking the values without tracking identity (a hash, a
 * {@code toString}, a JSON writer) pays: a 22 KB pickle of {@code x = [x, x]} fifty levels deep is 2^51
 * elements that way. The whole state may hold {@value #MAX_ELEMENTS} container elements (items of lists,
 * tuples, sets and object arrays, entries of dicts) and {@value #MAX_TEXT_CHARS} characters of text and
 * bytes, nested at most {@value #MAX_DEPTH} levels. A fitted scikit-learn estimator holds a few dozen
 * scalars and small containers, and object-dtype labels a few thousand items: the budgets are a thousand
 * times that, and checking them takes a linear walk. Numeric numpy arrays are not counted: their size is
 * checked against the bytes of the file, and they are converted (and shown in messages) once.
 */
final class NeutralValues {
    static final int MAX_DEPTH = 64;
    static final long MAX_ELEMENTS = 4_000_000;
    static final long MAX_TEXT_CHARS = 16L << 20;

    private final Map<Object, Object> converted = new IdentityHashMap<>();
    /** Each object's expanded size, {elements, chars}, so shared ones are measured once. */
    private final Map<Object, long[]> measured = new IdentityHashMap<>();

    Map<String, Object> state(PythonObject object) {
        Map<String, Object> state = object.state();
        checkBudget(state);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : state.entrySet()) {
            out.put(e.getKey(), convert(e.getValue(), 1));
        }
        return out;
    }

    private void checkBudget(Map<String, Object> state) {
        long elements = 0;
        long chars = 0;
        for (Map.Entry<String, Object> e : state.entrySet()) {
            long[] size = measure(e.getValue(), 1);
            elements = capped(elements + size[0], MAX_ELEMENTS);
            chars = capped(chars + size[1], MAX_TEXT_CHARS);
            String where = size[0] > MAX_ELEMENTS || size[1] > MAX_TEXT_CHARS
                    ? "attribute '" + Excerpt.of(e.getKey()) + "' holds"
                    : "the attributes hold (up to '" + Excerpt.of(e.getKey()) + "')";
            if (elements > MAX_ELEMENTS) {
                throw new RefusedPickleException(where + " more than " + MAX_ELEMENTS + " values, counting "
                        + "shared ones each time they are used; no fitted estimator holds that many outside its "
                        + "numeric arrays, the file was crafted or damaged");
            }
            if (chars > MAX_TEXT_CHARS) {
                throw new RefusedPickleException(where + " more than " + MAX_TEXT_CHARS + " characters of text, "
                        + "counting shared ones each time they are used; the file was crafted or damaged");
            }
        }
    }

    /** Whether shape reads objects of this class: the estimators, transformers and pipelines it supports. */
    static boolean readable(PythonObject o) {
        return PickledPipeline.supportedClasses().contains(o.className)
                || io.shape.domain.model.SparseMatrix.CLASSES.contains(o.className);
    }

    /** {elements, chars} of {@code v} expanded, each capped just past its budget (so sums cannot overflow). */
    private long[] measure(Object v, int depth) {
        if (v instanceof String s) {
            return new long[] {0, s.length()};
        }
        if (v instanceof byte[] b) {
            return new long[] {0, b.length};
        }
        boolean container = v instanceof Object[] || v instanceof Collection<?> || v instanceof Map<?, ?>
                || v instanceof PythonObject || v instanceof PickledTree
                || v instanceof NumpyArray a && a.data instanceof List<?>;
        if (!container) {
            return new long[2];
        }
        if (depth > MAX_DEPTH) {
            throw new RefusedPickleException("values nested more than " + MAX_DEPTH + " levels deep");
        }
        long[] known = measured.get(v);
        if (known != null) {
            return known;
        }
        long[] size = new long[2];
        if (v instanceof Object[] tuple) {
            addItems(size, java.util.Arrays.asList(tuple), depth);
        } else if (v instanceof Collection<?> c) {
            addItems(size, c, depth);
        } else if (v instanceof Map<?, ?> m) {
            size[0] = capped(m.size(), MAX_ELEMENTS);
            for (Map.Entry<?, ?> e : m.entrySet()) {
                add(size, measure(e.getKey(), depth + 1));
                add(size, measure(e.getValue(), depth + 1));
            }
        } else if (v instanceof PythonObject o) {
            if (!readable(o)) {
                measured.put(v, size); // its state is never read
                return size;
            }
            size[0] = capped(o.state.size(), MAX_ELEMENTS);
            for (Object value : o.state.values()) {
                add(size, measure(value, depth + 1));
            }
        } else if (v instanceof PickledTree t) {
            Map<String, Object> values = t.values();
            size[0] = capped(values.size(), MAX_ELEMENTS);
            for (Object value : values.values()) {
                add(size, measure(value, depth + 1));
            }
        } else {
            addItems(size, (List<?>) ((NumpyArray) v).data, depth);
        }
        measured.put(v, size);
        return size;
    }

    private void addItems(long[] size, Collection<?> items, int depth) {
        size[0] = capped(items.size(), MAX_ELEMENTS);
        for (Object item : items) {
            add(size, measure(item, depth + 1));
        }
    }

    private static void add(long[] size, long[] more) {
        size[0] = capped(size[0] + more[0], MAX_ELEMENTS);
        size[1] = capped(size[1] + more[1], MAX_TEXT_CHARS);
    }

    private static long capped(long n, long budget) {
        return Math.min(n, budget + 1);
    }

    private Object convert(Object v, int depth) {
        if (v == null || v instanceof String || v instanceof Double || v instanceof Boolean || v instanceof Long) {
            return v;
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
        }
        if (depth > MAX_DEPTH) {
            throw new RefusedPickleException("values nested more than " + MAX_DEPTH + " levels deep");
        }
        Object done = converted.get(v);
        if (done != null) {
            return done;
        }
        Object result;
        if (v instanceof NumpyArray a) {
            Object decoded = ArrayDecoder.decode(a);
            // an object array's items are values of their own (gradient boosting's estimators_ holds trees,
            // KBinsDiscretizer's bin_edges_ float arrays)
            result = a.dtype != null && a.dtype.kind == 'O' ? list((List<?>) decoded, depth) : decoded;
            // the raw bytes are not read again (the memo answers for shared arrays): a forest's node records are
            // hundreds of megabytes, freed as its trees are converted instead of after the whole model
            a.data = null;
        } else if (v instanceof Object[] tuple) {
            result = list(java.util.Arrays.asList(tuple), depth);
        } else if (v instanceof Collection<?> c) {
            result = list(c, depth);
        } else if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(convert(e.getKey(), depth + 1), convert(e.getValue(), depth + 1));
            }
            result = out;
        } else if (v instanceof byte[] b) {
            result = b.clone();
        } else if (v instanceof PythonObject o) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("__class__", o.className);
            if (readable(o)) { // an unsupported class is refused by name and place, its state unread
                for (Map.Entry<String, Object> e : o.state().entrySet()) {
                    out.put(e.getKey(), convert(e.getValue(), depth + 1));
                }
            }
            result = out;
        } else if (v instanceof PickledTree t) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("__class__", PickledTree.CLASS);
            for (Map.Entry<String, Object> e : t.values().entrySet()) {
                out.put(e.getKey(), convert(e.getValue(), depth + 1));
            }
            result = out;
        } else if (v instanceof UnlistedGlobal g) {
            throw g.refused();
        } else if (v instanceof InertObject o) {
            result = o.name;
        } else if (v instanceof NumpyDtype d) {
            result = d.describe();
        } else if (v instanceof PickleGlobal g) {
            result = g.qualifiedName();
        } else {
            result = String.valueOf(v);
        }
        converted.put(v, result);
        return result;
    }

    private List<Object> list(Collection<?> items, int depth) {
        List<Object> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(convert(item, depth + 1));
        }
        return out;
    }
}
