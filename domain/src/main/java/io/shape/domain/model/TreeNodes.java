package io.shape.domain.model;

import java.util.List;

/**
 * The nodes of every tree of a model in one set of flat arrays, tree after tree (node indexes global), so
 * that scoring a block of rows walks a few primitive arrays: {@code apply_dense} of scikit-learn's
 * {@code tree/_tree.pyx}, for each tree in {@code estimators_} order. A value is cast to float32 before it is
 * compared with the float64 threshold ({@code X} is float32 there), NaN follows {@code missing_go_to_left}.
 */
final class TreeNodes implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] left;
    private final int[] right;
    /** The column of a row a split node reads (a tree's own feature mapped through its feature subset). */
    private final int[] column;
    private final double[] threshold;
    private final boolean[] missingLeft;
    private final int[] roots;

    /**
     * @param columns per tree, the row's column for each of the tree's features (IsolationForest's
     *                {@code estimators_features_}), or null for a tree applied to the whole row
     */
    TreeNodes(List<FittedTree> trees, List<int[]> columns) {
        int total = 0;
        for (FittedTree t : trees) {
            total = Math.addExact(total, t.nodeCount());
        }
        left = new int[total];
        right = new int[total];
        column = new int[total];
        threshold = new double[total];
        missingLeft = new boolean[total];
        roots = new int[trees.size()];
        int at = 0;
        for (int k = 0; k < trees.size(); k++) {
            FittedTree t = trees.get(k);
            int[] map = columns == null ? null : columns.get(k);
            roots[k] = at;
            for (int i = 0; i < t.nodeCount(); i++) {
                boolean leaf = t.left()[i] == -1;
                left[at + i] = leaf ? -1 : at + t.left()[i];
                right[at + i] = leaf ? -1 : at + t.right()[i];
                column[at + i] = leaf ? 0 : map == null ? t.feature()[i] : map[t.feature()[i]];
                threshold[at + i] = t.threshold()[i];
                missingLeft[at + i] = t.missingLeft()[i];
            }
            at += t.nodeCount();
        }
    }

    int trees() {
        return roots.length;
    }

    int nodes() {
        return left.length;
    }

    /** The global index of the first node of tree {@code k}. */
    int root(int k) {
        return roots[k];
    }

    /** The leaf (global node index) tree {@code k} sends the row starting at {@code x[base]} to. */
    int leaf(int k, double[] x, int base) {
        int node = roots[k];
        int next;
        while ((next = left[node]) >= 0) {
            // the C code compares a float32 value promoted to double with the double threshold
            float v = (float) x[base + column[node]];
            if (!(v <= threshold[node]) && (v == v || !missingLeft[node])) {
                next = right[node];
            }
            node = next;
        }
        return node;
    }
}
