package io.shape.adapters.persistence.pickle;

import io.shape.domain.Excerpt;

import java.util.HashMap;
import java.util.Map;

/** An instance of an allowed Python class (a scikit-learn estimator): its class name and its state. */
final class PythonObject implements Stateful {
    final String className;
    final Map<String, Object> state = new HashMap<>();

    PythonObject(String className) {
        this.className = className;
    }

    @Override
    public void setState(Object newState) {
        // object.__reduce_ex__ gives the __dict__, or (__dict__, slots) for classes with __slots__
        if (newState instanceof Object[] pair && pair.length == 2) {
            merge(pair[0]);
            merge(pair[1]);
        } else {
            merge(newState);
        }
    }

    private void merge(Object part) {
        if (part == null) {
            return;
        }
        if (!(part instanceof Map<?, ?> map)) {
            throw new RefusedPickleException("state of " + className + " is not a dict but "
                    + part.getClass().getSimpleName());
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new RefusedPickleException("state of " + className + " has a non-string key "
                        + Excerpt.of(e.getKey()));
            }
            state.put(key, e.getValue());
        }
    }

    @Override
    public String toString() {
        return className;
    }

    Map<String, Object> state() {
        return new HashMap<>(state);
    }
}
