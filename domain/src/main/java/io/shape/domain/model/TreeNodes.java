package io.shape.domain.model;

import java.util.List;

/**
 * The nodes of every tree of a model in one set of flat arrays, tree after tree (node indexes global), so
 * that scoring a block of rows walks a few primitive arrays: {@code apply_dense} of scikit-learn's
 * {@code tree/_tree.pyx}, for each tree in {@code estimators_} order. A value is cast to float32 before it is
 * compared with the float64 threshold ({@code X} is float32 there), NaN follows {@code missing_go_to_left}.
 *
 * <p>A walk down a tree is a chain of dependent loads (node, column, value, threshold, child), so one row at a
 * time waits on memory at every level. {@link #leaves} moves a whole block of rows down one level per pass
 * instead: the rows' chains are independent and the processor overlaps them. Leaves point to themselves, so a
 * row that reached one stays there while the others go on, for as many passes as the tree is deep.
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
    /** Per tree, the edges on its longest path from the root: the passes that bring every row to a leaf. */
    private final int[] depth;

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
        depth = new int[trees.size()];
        int at = 0;
        for (int k = 0; k < trees.size(); k++) {
            FittedTree t = trees.get(k);
            int[] map = columns == null ? null : columns.get(k);
            roots[k] = at;
            int[] level = new int[t.nodeCount()];
            for (int i = 0; i < t.nodeCount(); i++) {
                boolean leaf = t.left()[i] == -1;
                left[at + i] = leaf ? at + i : at + t.left()[i];
                right[at + i] = leaf ? at + i : at + t.right()[i];
                column[at + i] = leaf ? 0 : map == null ? t.feature()[i] : map[t.feature()[i]];
                threshold[at + i] = t.threshold()[i];
                missingLeft[at + i] = t.missingLeft()[i];
                if (!leaf) { // children come after their parent (FittedTree checks it): one forward pass finds depths
                    level[t.left()[i]] = level[i] + 1;
                    level[t.right()[i]] = level[i] + 1;
                    depth[k] = Math.max(depth[k], level[i] + 1);
                }
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

    /**
     * The leaves (global node indexes) tree {@code k} sends rows {@code [first, end)} of the row-major {@code x}
     * ({@code width} values a row) to, into {@code leaves[0 .. end - first)}.
     */
    void leaves(int k, double[] x, int width, int first, int end, int[] leaves) {
        int n = end - first;
        java.util.Arrays.fill(leaves, 0, n, roots[k]);
        for (int pass = depth[k]; pass > 0; pass--) {
            for (int i = 0, base = first * width; i < n; i++, base += width) {
                int node = leaves[i];
                // the C code compares a float32 value promoted to double with the double threshold; NaN (v != v)
                // goes by missing_go_to_left. Both children loaded and non-short-circuit operators: a conditional
                // move, not a branch for the data to mispredict
                float v = (float) x[base + column[node]];
                int l = left[node];
                int r = right[node];
                boolean goLeft = v <= threshold[node] | v != v & missingLeft[node];
                leaves[i] = goLeft ? l : r;
            }
        }
    }

    /** A buffer for {@link #leaves} of a block of rows, kept with the predictions for the next batch. */
    static int[] leafBuffer(Predictions out) {
        if (out.work instanceof int[] b && b.length >= RowBlock.SIZE) {
            return b;
        }
        int[] b = new int[RowBlock.SIZE];
        out.work = b;
        return b;
    }
}
