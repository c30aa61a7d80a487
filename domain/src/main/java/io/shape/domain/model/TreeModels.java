package io.shape.domain.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads scikit-learn's tree models from their fitted attributes: single trees ({@code tree_}), forests
 * ({@code estimators_}, each with its {@code tree_}) and {@code IsolationForest} (its trees, their feature
 * subsets and the path lengths it stored at fit). Every tree is checked ({@link FittedTree#read}) and named in
 * messages by its place, e.g. {@code RandomForestClassifier.estimators_[3].tree_}.
 */
final class TreeModels {
    /** The classes, by the module scikit-learn 1.0–1.7 define them in. */
    static final Map<String, String> CLASSES = Map.of(
            "sklearn.tree._classes.DecisionTreeClassifier", "DecisionTreeClassifier",
            "sklearn.tree._classes.DecisionTreeRegressor", "DecisionTreeRegressor",
            "sklearn.tree._classes.ExtraTreeClassifier", "ExtraTreeClassifier",
            "sklearn.tree._classes.ExtraTreeRegressor", "ExtraTreeRegressor",
            "sklearn.ensemble._forest.RandomForestClassifier", "RandomForestClassifier",
            "sklearn.ensemble._forest.RandomForestRegressor", "RandomForestRegressor",
            "sklearn.ensemble._forest.ExtraTreesClassifier", "ExtraTreesClassifier",
            "sklearn.ensemble._forest.ExtraTreesRegressor", "ExtraTreesRegressor",
            "sklearn.ensemble._iforest.IsolationForest", "IsolationForest");
    private static final List<String> PARAMETERS = List.of("n_estimators", "criterion", "splitter", "max_depth",
            "min_samples_leaf", "max_features", "max_leaf_nodes", "bootstrap", "max_samples", "contamination");

    private TreeModels() {
    }

    static Model read(String name, FittedAttributes a, Map<String, Object> description, List<String> warnings) {
        int features = a.integer("n_features_in_", -1);
        if (features < 1) {
            throw a.has("n_features_in_") ? a.invalid("n_features_in_", "is " + features) : a.notFitted("n_features_in_");
        }
        for (String p : PARAMETERS) {
            Object v = a.scalarOrNull(p);
            if (v != null) {
                description.put(p, v);
            }
        }
        if (name.equals("IsolationForest")) {
            return isolationForest(a, features, description, warnings);
        }
        boolean classifier = name.endsWith("Classifier");
        List<Object> labels = classifier ? ClassLabels.of(a) : List.of();
        int width = classifier ? labels.size() : 1;
        boolean forest = name.startsWith("RandomForest") || name.startsWith("ExtraTrees");
        List<FittedTree> trees = new ArrayList<>();
        if (forest) {
            List<?> estimators = list(a, "estimators_");
            for (int i = 0; i < estimators.size(); i++) {
                trees.add(FittedTree.read(a, "estimators_[" + i + "].tree_", treeOf(a, "estimators_[" + i + "]",
                        estimators.get(i)), features, width));
            }
        } else {
            if (!a.has("tree_")) {
                throw a.notFitted("tree_");
            }
            trees.add(FittedTree.read(a, "tree_", a.raw("tree_"), features, width));
        }
        TreeNodes nodes = new TreeNodes(trees, null, features);
        describeTrees(description, nodes);
        double[] values = nodes.arrange(trees, trees.stream().map(FittedTree::values).toList(), width);
        if (classifier) {
            description.put("classes", labels);
            return new TreeClassifier(name, features, nodes, values, labels, forest, routesMissingValues(name, a),
                    description, warnings);
        }
        return new TreeRegressor(name, features, nodes, values, forest, routesMissingValues(name, a), description,
                warnings);
    }

    /**
     * Whether scikit-learn 1.6.1 predicts rows holding NaN with this tree model ({@code _support_missing_values}:
     * its {@code allow_nan} tag and no {@code monotonic_cst}; a forest asks its first tree): classifiers with the
     * gini, log_loss or entropy criterion (an ExtraTreeClassifier only with its random splitter), every tree
     * regressor with squared_error, friedman_mse or poisson. ExtraTreeRegressor's own tag line is an annotation
     * ({@code tags.input_tags.allow_nan: allow_nan}) that sets nothing, so DecisionTreeRegressor's tag is the one
     * it has: the same criteria, its random splitter being one of the two it allows (measured with 1.6.1: its
     * {@code allow_nan} is true and it predicts NaN rows).
     */
    static boolean routesMissingValues(String name, FittedAttributes a) {
        if (a.raw("monotonic_cst") != null) {
            return false;
        }
        Object criterion = a.scalarOrNull("criterion");
        if (criterion == null) {
            return false;
        }
        if (name.endsWith("Classifier")) {
            boolean splitter = !name.equals("ExtraTreeClassifier") || "random".equals(a.scalarOrNull("splitter"));
            return splitter && java.util.Set.of("gini", "log_loss", "entropy").contains(criterion);
        }
        return java.util.Set.of("squared_error", "friedman_mse", "poisson").contains(criterion);
    }

    /**
     * The trees see {@code X[:, estimators_features_[t]]} when {@code _max_features} is not every feature, else
     * the whole row ({@code _compute_chunked_score_samples}): the subsets are then not read at all.
     */
    private static Model isolationForest(FittedAttributes a, int features, Map<String, Object> description,
            List<String> warnings) {
        List<?> estimators = list(a, "estimators_");
        int maxFeatures = a.integer("_max_features", -1);
        if (maxFeatures < 1 || maxFeatures > features) {
            throw a.has("_max_features") ? a.invalid("_max_features", "is " + maxFeatures + " of " + features
                    + " features") : a.notFitted("_max_features");
        }
        boolean subsets = maxFeatures != features;
        List<?> featureSets = subsets ? list(a, "estimators_features_") : null;
        List<?> pathLengths = list(a, "_decision_path_lengths");
        List<?> averages = list(a, "_average_path_length_per_tree");
        if (subsets) {
            requireOnePerTree(a, "estimators_features_", featureSets, estimators.size());
        }
        requireOnePerTree(a, "_decision_path_lengths", pathLengths, estimators.size());
        requireOnePerTree(a, "_average_path_length_per_tree", averages, estimators.size());
        List<FittedTree> trees = new ArrayList<>();
        List<int[]> columns = subsets ? new ArrayList<>() : null;
        for (int i = 0; i < estimators.size(); i++) {
            String where = "estimators_[" + i + "]";
            trees.add(FittedTree.read(a, where + ".tree_", treeOf(a, where, estimators.get(i)), maxFeatures, 1));
            if (subsets) {
                columns.add(featureSubset(a, i, featureSets.get(i), maxFeatures, features));
            }
        }
        TreeNodes nodes = new TreeNodes(trees, columns, features);
        List<double[]> perTree = new ArrayList<>();
        for (int i = 0; i < trees.size(); i++) {
            int n = trees.get(i).nodeCount();
            double[] lengths = vector(a, "_decision_path_lengths[" + i + "]", pathLengths.get(i), n);
            double[] average = vector(a, "_average_path_length_per_tree[" + i + "]", averages.get(i), n);
            double[] values = new double[n];
            for (int j = 0; j < n; j++) {
                values[j] = IsolationForest.pathValue(lengths[j], average[j]);
            }
            perTree.add(values);
        }
        double[] pathValues = nodes.arrange(trees, perTree, 1);
        int maxSamples = a.integer("_max_samples", -1);
        if (maxSamples < 1) {
            throw a.has("_max_samples") ? a.invalid("_max_samples", "is " + maxSamples) : a.notFitted("_max_samples");
        }
        double offset = a.number("offset_");
        describeTrees(description, nodes);
        description.put("max_samples_", maxSamples);
        description.put("offset_", offset);
        return new IsolationForest(features, nodes, pathValues, maxSamples, offset, description, warnings);
    }

    private static int[] featureSubset(FittedAttributes a, int tree, Object value, int size, int features) {
        String where = "estimators_features_[" + tree + "]";
        double[] d = vector(a, where, value, size);
        int[] out = new int[size];
        for (int j = 0; j < size; j++) {
            if (d[j] != Math.rint(d[j]) || d[j] < 0 || d[j] >= features) {
                throw a.invalid(where, "holds " + d[j] + ", not a feature of " + features);
            }
            out[j] = (int) d[j];
        }
        return out;
    }

    /** A per-tree array of {@code n} finite numbers (an int64 or float64 vector). */
    private static double[] vector(FittedAttributes a, String where, Object value, int n) {
        double[] out;
        if (value instanceof NdArray array && array.shape().length == 1) {
            out = array.data();
        } else if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof Number)) {
            out = list.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
        } else {
            throw a.invalid(where, "is " + FittedAttributes.describe(value) + ", expected a vector of numbers");
        }
        if (out.length != n) {
            throw a.invalid(where, "holds " + out.length + " values for " + n + " nodes");
        }
        for (double d : out) {
            if (!Double.isFinite(d)) {
                throw a.invalid(where, "holds " + d);
            }
        }
        return out;
    }

    private static Object treeOf(FittedAttributes a, String where, Object estimator) {
        if (!(estimator instanceof Map<?, ?> m) || m.get("tree_") == null) {
            throw a.invalid(where, "is " + FittedAttributes.describe(estimator) + ", expected a fitted tree estimator");
        }
        return m.get("tree_");
    }

    private static List<?> list(FittedAttributes a, String name) {
        Object v = a.raw(name);
        if (v == null) {
            throw a.notFitted(name);
        }
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw a.invalid(name, "is " + FittedAttributes.describe(v) + ", expected a non-empty list");
        }
        return list;
    }

    private static void requireOnePerTree(FittedAttributes a, String name, List<?> items, int trees) {
        if (items.size() != trees) {
            throw a.invalid(name, "holds " + items.size() + " items for " + trees + " trees");
        }
    }

    private static void describeTrees(Map<String, Object> description, TreeNodes nodes) {
        description.put("n_trees", nodes.trees());
        description.put("n_nodes", nodes.nodes());
    }
}
