package io.shape.adapters.persistence.pickle;

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
 * arrays {@link io.shape.domain.model.NdArray} or lists. Shared objects are converted once, and nesting is
 * bounded, so a pickle of self-referencing or exponentially shared containers cannot exhaust the JVM.
 */
final class NeutralValues {
    private static final int MAX_DEPTH = 64;

    private final Map<Object, Object> converted = new IdentityHashMap<>();

    Map<String, Object> state(PythonObject object) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : object.state().entrySet()) {
            out.put(e.getKey(), convert(e.getValue(), 1));
        }
        return out;
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
            result = ArrayDecoder.decode(a);
        } else if (v instanceof Object[] tuple) {
            result = list(List.of(tuple), depth);
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
            for (Map.Entry<String, Object> e : o.state().entrySet()) {
                out.put(e.getKey(), convert(e.getValue(), depth + 1));
            }
            result = out;
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
