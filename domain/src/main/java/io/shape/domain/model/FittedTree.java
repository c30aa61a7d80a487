package io.shape.domain.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One fitted {@code sklearn.tree._tree.Tree}, read from its pickled parts ({@code n_features}, {@code n_classes},
 * {@code n_outputs}, {@code node_count}, the {@code nodes} records and {@code values}) and checked so that a
 * traversal can neither leave the node array nor loop: scikit-learn's builders number a node's children after it,
 * so every child index lies between its parent's and {@code node_count}; a node whose left child is −1
 * ({@code _TREE_LEAF}) is a leaf, as {@code apply_dense} reads it.
 *
 * @param left      left child per node, −1 for leaves
 * @param right     right child per node
 * @param feature   the feature a split node tests
 * @param threshold the float64 threshold a split node compares the float32 feature value with
 * @param missingLeft whether NaN goes to the left child ({@code missing_go_to_left})
 * @param values    {@code values[node, 0, k]}, {@code width} per node
 * @param width     values per node: the classes, or 1 for regression
 * @param features  the width of the rows it is applied to ({@code n_features})
 */
record FittedTree(int[] left, int[] right, int[] feature, double[] threshold, boolean[] missingLeft,
                  double[] values, int width, int features) implements java.io.Serializable {
    static final String CLASS = "sklearn.tree._tree.Tree";
    /** The fields of scikit-learn 1.3+'s node records (NODE_DTYPE); 1.6.1 refuses any other set, so does shape. */
    private static final Set<String> NODE_FIELDS = Set.of("left_child", "right_child", "feature", "threshold",
            "impurity", "n_node_samples", "weighted_n_node_samples", "missing_go_to_left");
    /** The index fields, intp in the C struct: 32- or 64-bit integers, as the machine that pickled it had them. */
    private static final Set<String> INDEX_FIELDS = Set.of("left_child", "right_child", "feature", "n_node_samples");

    int nodeCount() {
        return left.length;
    }

    /**
     * @param owner    the estimator whose attribute it is, for messages
     * @param where    the attribute, e.g. {@code tree_} or {@code estimators_[3].tree_}
     * @param features the columns it is applied to
     * @param width    the values per node it must have (the estimator's classes, or 1)
     */
    static FittedTree read(FittedAttributes owner, String where, Object value, int features, int width) {
        if (!(value instanceof Map<?, ?> tree) || !CLASS.equals(tree.get("__class__"))) {
            throw owner.invalid(where, "is " + FittedAttributes.describe(value) + ", expected a fitted " + CLASS);
        }
        int outputs = count(owner, where, "n_outputs", tree.get("n_outputs"));
        if (outputs != 1) {
            throw owner.invalid(where, "has n_outputs " + outputs + "; shape scores single-output trees only");
        }
        int declaredFeatures = count(owner, where, "n_features", tree.get("n_features"));
        if (declaredFeatures != features) {
            throw owner.invalid(where, "has n_features " + declaredFeatures + " but is applied to " + features
                    + " features: the file was altered or its parts come from different fits");
        }
        List<Object> classes = numbers(owner, where, "n_classes", tree.get("n_classes"));
        if (classes.size() != 1 || count(owner, where, "n_classes", classes.get(0)) != width) {
            throw owner.invalid(where, "has n_classes " + classes + ", expected [" + width + "]");
        }
        Map<?, ?> nodes = nodes(owner, where, tree.get("nodes"));
        requireDtypes(owner, where, tree.get("node_dtypes"), tree.get("values_dtype"));
        int capacity = ((NdArray) nodes.get("left_child")).data().length;
        int nodeCount = count(owner, where, "node_count", tree.get("node_count"));
        if (nodeCount < 1 || nodeCount > capacity) {
            throw owner.invalid(where, "has node_count " + nodeCount + " but its node array holds " + capacity
                    + " nodes");
        }
        if (!(tree.get("values") instanceof NdArray v) || v.shape().length != 3 || v.shape()[0] != capacity
                || v.shape()[1] != 1 || v.shape()[2] != width) {
            throw owner.invalid(where, "values is " + FittedAttributes.describe(tree.get("values")) + ", expected ["
                    + capacity + ", 1, " + width + "]");
        }
        int[] left = indexes(owner, where, nodes, "left_child", nodeCount);
        int[] right = indexes(owner, where, nodes, "right_child", nodeCount);
        int[] feature = indexes(owner, where, nodes, "feature", nodeCount);
        double[] threshold = java.util.Arrays.copyOf(((NdArray) nodes.get("threshold")).data(), nodeCount);
        // each node's one parent: TreeNodes lays siblings side by side, which a node shared by two parents defeats
        int[] parent = new int[nodeCount];
        java.util.Arrays.fill(parent, -1);
        for (int i = 0; i < nodeCount; i++) {
            if (left[i] == -1) {
                continue;
            }
            for (int child : new int[] {left[i], right[i]}) {
                if (child <= i || child >= nodeCount) {
                    throw owner.invalid(where, "node " + i + " has child " + child + (child <= i
                            ? ", not after it (a cycle, or a tree no scikit-learn builder makes)"
                            : ", outside its " + nodeCount + " nodes"));
                }
                if (parent[child] != -1) {
                    throw owner.invalid(where, "node " + child + " is a child of node " + parent[child]
                            + " and of node " + i + " (a tree no scikit-learn builder makes: one parent a node)");
                }
                parent[child] = i;
            }
            if (feature[i] < 0 || feature[i] >= features) {
                throw owner.invalid(where, "node " + i + " splits on feature " + feature[i] + " of " + features);
            }
            if (Double.isNaN(threshold[i])) {
                throw owner.invalid(where, "node " + i + " splits at threshold NaN (no scikit-learn builder makes "
                        + "one)");
            }
        }
        for (int i = 1; i < nodeCount; i++) { // children come after parents: a node with a parent is reached
            if (parent[i] == -1) {
                throw owner.invalid(where, "node " + i + " is no node's child (of " + nodeCount + " nodes, a tree "
                        + "no scikit-learn builder makes)");
            }
        }
        double[] missing = ((NdArray) nodes.get("missing_go_to_left")).data();
        boolean[] missingLeft = new boolean[nodeCount];
        for (int i = 0; i < nodeCount; i++) {
            missingLeft[i] = missing[i] != 0;
        }
        double[] values = java.util.Arrays.copyOf(v.data(), nodeCount * width);
        return new FittedTree(left, right, feature, threshold, missingLeft, values, width, features);
    }

    private static Map<?, ?> nodes(FittedAttributes owner, String where, Object value) {
        if (!(value instanceof Map<?, ?> nodes) || nodes.containsKey("__class__")) {
            throw owner.invalid(where, "nodes is " + FittedAttributes.describe(value) + ", expected the node records");
        }
        List<String> unknown = new ArrayList<>();
        for (Object field : nodes.keySet()) {
            if (!NODE_FIELDS.contains(field)) {
                unknown.add(String.valueOf(field));
            }
        }
        List<String> lacking = NODE_FIELDS.stream().filter(f -> !nodes.containsKey(f)).sorted().toList();
        if (!unknown.isEmpty() || !lacking.isEmpty()) {
            String found = unknown.isEmpty() ? "" : "the unknown field(s) " + io.shape.domain.Excerpt.of(unknown);
            String missed = lacking.isEmpty() ? "" : "no field(s) " + lacking;
            throw owner.invalid(where, "nodes have " + found + (found.isEmpty() || missed.isEmpty() ? "" : " and ")
                    + missed + "; scikit-learn 1.3 to 1.7 write " + NODE_FIELDS.stream().sorted().toList());
        }
        int n = -1;
        for (String f : NODE_FIELDS) {
            if (!(nodes.get(f) instanceof NdArray a) || a.shape().length != 1 || n >= 0 && a.data().length != n) {
                throw owner.invalid(where, "node field " + f + " is not a column of the node records");
            }
            n = a.data().length;
        }
        return nodes;
    }

    /**
     * The dtypes scikit-learn 1.6.1 loads ({@code _check_node_ndarray}, {@code _check_value_ndarray}): its node
     * dtype in either byte order, the index fields 32- or 64-bit, values float64; it refuses any other.
     *
     * @param nodeDtypes  field name to numpy dtype ({@code '<i8'}), as the loader saw the node records
     * @param valuesDtype the dtype of {@code values}
     */
    private static void requireDtypes(FittedAttributes owner, String where, Object nodeDtypes, Object valuesDtype) {
        if (!(nodeDtypes instanceof Map<?, ?> dtypes)) {
            throw owner.invalid(where, "nodes are not numpy records");
        }
        for (String field : NODE_FIELDS) {
            String dtype = String.valueOf(dtypes.get(field));
            String type = dtype.length() > 1 ? dtype.substring(1) : dtype;
            boolean known = INDEX_FIELDS.contains(field) ? type.equals("i8") || type.equals("i4")
                    : field.equals("missing_go_to_left") ? type.equals("u1") : type.equals("f8");
            if (!known) {
                throw owner.invalid(where, "node field " + field + " has dtype " + io.shape.domain.Excerpt.of(dtype)
                        + ", which scikit-learn does not write or load");
            }
        }
        String values = String.valueOf(valuesDtype);
        if (!values.endsWith("f8") || values.length() != 3) {
            throw owner.invalid(where, "values have dtype " + io.shape.domain.Excerpt.of(values) + ", expected float64");
        }
    }

    /** The first {@code n} values of an integer node field, which must be integers. */
    private static int[] indexes(FittedAttributes owner, String where, Map<?, ?> nodes, String field, int n) {
        double[] d = ((NdArray) nodes.get(field)).data();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            if (d[i] != Math.rint(d[i]) || Math.abs(d[i]) > Integer.MAX_VALUE) {
                throw owner.invalid(where, "node " + i + " has " + field + " " + d[i] + ", expected an integer");
            }
            out[i] = (int) d[i];
        }
        return out;
    }

    private static List<Object> numbers(FittedAttributes owner, String where, String name, Object value) {
        if (value instanceof List<?> list) {
            return List.copyOf(list);
        }
        if (value instanceof NdArray a && a.shape().length == 1) {
            List<Object> out = new ArrayList<>();
            for (double d : a.data()) {
                out.add(d);
            }
            return out;
        }
        throw owner.invalid(where, name + " is " + FittedAttributes.describe(value) + ", expected an array");
    }

    private static int count(FittedAttributes owner, String where, String name, Object value) {
        double d = value instanceof Number n ? n.doubleValue() : Double.NaN;
        if (d != Math.rint(d) || d < 0 || d > Integer.MAX_VALUE) {
            throw owner.invalid(where, name + " is " + FittedAttributes.describe(value) + ", expected a count");
        }
        return (int) d;
    }
}
