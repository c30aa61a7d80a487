package io.shape.adapters.persistence.pickle;

import io.shape.domain.Excerpt;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code sklearn.tree._tree.Tree} as its {@code __reduce__} pickles it: REDUCE of the class with
 * {@code (n_features, n_classes, n_outputs)}, then BUILD with the {@code __getstate__} dict ({@code max_depth},
 * {@code node_count}, {@code nodes}, {@code values}). Only data is kept: no Tree is constructed, nothing runs. The
 * model reader ({@code io.shape.domain.model}) checks what the values mean.
 */
final class PickledTree implements Stateful {
    static final String CLASS = "sklearn.tree._tree.Tree";
    /** The reduce arguments, by the names of the Tree's attributes. */
    private static final String[] ARGUMENTS = {"n_features", "n_classes", "n_outputs"};

    private final Object[] arguments;
    private final Map<String, Object> state = new LinkedHashMap<>();

    private PickledTree(Object[] arguments) {
        this.arguments = arguments;
    }

    /** {@code Tree(n_features, n_classes, n_outputs)}, the REDUCE of the pickle. */
    static PickledTree reduce(Object[] args) {
        if (args == null || args.length != ARGUMENTS.length) {
            throw new RefusedPickleException(CLASS + " is only allowed with its three arguments (n_features, "
                    + "n_classes, n_outputs)");
        }
        return new PickledTree(args.clone());
    }

    @Override
    public void setState(Object newState) {
        if (!(newState instanceof Map<?, ?> map)) {
            throw new RefusedPickleException("state of " + CLASS + " is not a dict");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new RefusedPickleException("state of " + CLASS + " has a non-string key " + Excerpt.of(e.getKey()));
            }
            state.put(key, e.getValue());
        }
    }

    /**
     * The state, then the reduce arguments under their attribute names (they win, as in the Tree itself), then
     * what the decoded arrays no longer say and scikit-learn checks on load: {@code node_dtypes}, each node
     * field's dtype ({@code '<i8'}, {@code '>i4'}, ...), and {@code values_dtype}.
     */
    Map<String, Object> values() {
        Map<String, Object> all = new LinkedHashMap<>(state);
        for (int i = 0; i < ARGUMENTS.length; i++) {
            all.put(ARGUMENTS[i], arguments[i]);
        }
        if (state.get("nodes") instanceof NumpyArray nodes && nodes.dtype != null) {
            Map<String, Object> dtypes = new LinkedHashMap<>();
            for (NumpyDtype.Field f : nodes.dtype.fields) {
                dtypes.put(f.name(), f.dtype().describe());
            }
            all.put("node_dtypes", dtypes);
        }
        if (state.get("values") instanceof NumpyArray values && values.dtype != null) {
            all.put("values_dtype", values.dtype.describe());
        }
        return all;
    }

    @Override
    public String toString() {
        return CLASS;
    }
}
