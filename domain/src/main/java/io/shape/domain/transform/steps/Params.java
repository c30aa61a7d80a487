package io.shape.domain.transform.steps;

import io.shape.domain.spec.InvalidSpecException;
import io.shape.domain.spec.StepSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads and checks the parameters of one step spec the way scikit-learn's {@code _parameter_constraints}
 * do, and records every effective value (defaults included) for {@code Step.params()}.
 */
final class Params {
    private final StepSpec spec;
    private final Map<String, Object> effective = new LinkedHashMap<>();

    /** Refuses any parameter not in {@code known} (scikit-learn's constructor would refuse it too). */
    Params(StepSpec spec, String... known) {
        this.spec = spec;
        List<String> names = Arrays.asList(known);
        for (String p : spec.params().keySet()) {
            if (!names.contains(p)) {
                throw problem(p, "is not a parameter of " + spec.sklearnClass() + "; it accepts "
                        + String.join(", ", new TreeSet<>(names)));
            }
        }
    }

    InvalidSpecException problem(String param, String problem) {
        return InvalidSpecException.parameter(spec.name(), spec.sklearnClass(), param, problem);
    }

    boolean given(String name) {
        return spec.params().containsKey(name);
    }

    Object raw(String name) {
        return spec.params().get(name);
    }

    /** A JSON boolean (scikit-learn's "boolean" constraint accepts no 0/1). */
    boolean bool(String name, boolean dflt) {
        Object v = given(name) ? raw(name) : dflt;
        if (!(v instanceof Boolean b)) {
            throw problem(name, "must be a boolean (true or false), got " + show(v));
        }
        effective.put(name, b);
        return b;
    }

    /** A JSON integer in {@code [min, max]}; floats such as 2.0 are refused as scikit-learn's Integral is. */
    long integer(String name, long dflt, long min, long max) {
        Object v = given(name) ? raw(name) : dflt;
        long n = checkedInteger(name, v, min, max);
        effective.put(name, n);
        return n;
    }

    /** Like {@link #integer} but {@code null} is allowed (and returned as null). */
    Long optionalInteger(String name, Long dflt, long min, long max) {
        Object v = given(name) ? raw(name) : dflt;
        if (v == null) {
            effective.put(name, null);
            return null;
        }
        long n = checkedInteger(name, v, min, max);
        effective.put(name, n);
        return n;
    }

    private long checkedInteger(String name, Object v, long min, long max) {
        if (!(v instanceof Long n) || n < min || n > max) {
            throw problem(name, "must be an int in " + range(min, max) + ", got " + show(v));
        }
        return n;
    }

    /** One of a fixed set of strings. */
    String option(String name, String dflt, String... allowed) {
        Object v = given(name) ? raw(name) : dflt;
        if (!(v instanceof String s) || !Arrays.asList(allowed).contains(s)) {
            throw problem(name, "must be one of " + String.join(", ", quoted(allowed)) + ", got " + show(v));
        }
        effective.put(name, s);
        return s;
    }

    /** A JSON number (integer or float). */
    double number(String name, double dflt) {
        Object v = given(name) ? raw(name) : dflt;
        if (!(v instanceof Number n)) {
            throw problem(name, "must be a number, got " + show(v));
        }
        effective.put(name, v);
        return n.doubleValue();
    }

    /** A pair of numbers written as a JSON list of two, scikit-learn's tuple. */
    double[] pair(String name, double first, double second) {
        Object v = given(name) ? raw(name) : List.of(first, second);
        if (!(v instanceof List<?> l) || l.size() != 2 || !(l.get(0) instanceof Number a)
                || !(l.get(1) instanceof Number b)) {
            throw problem(name, "must be a list of two numbers, e.g. [" + first + ", " + second + "], got " + show(v));
        }
        effective.put(name, List.copyOf(l));
        return new double[] {a.doubleValue(), b.doubleValue()};
    }

    /** Records a value the step decided itself (e.g. an accepted value that has no effect). */
    void record(String name, Object value) {
        effective.put(name, value);
    }

    Map<String, Object> effective() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(effective));
    }

    static String range(long min, long max) {
        return "[" + min + ", " + (max == Long.MAX_VALUE ? "inf)" : max + "]");
    }

    static String show(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object o : l) {
                parts.add(show(o));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        return String.valueOf(v);
    }

    private static List<String> quoted(String... values) {
        List<String> out = new ArrayList<>();
        for (String s : values) {
            out.add("'" + s + "'");
        }
        return out;
    }
}
