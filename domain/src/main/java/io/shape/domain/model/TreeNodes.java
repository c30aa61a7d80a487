package io.shape.domain.model;

import java.util.List;

/**
 * The nodes of every tree of a model in one flat array, tree after tree (node indexes global), so that scoring a
 * block of rows walks one primitive array: {@code apply_dense} of scikit-learn's {@code tree/_tree.pyx}, for each
 * tree in {@code estimators_} order. A value is cast to float32 before it is compared with the float64 threshold
 * ({@code X} is float32 there), NaN follows {@code missing_go_to_left}.
 *
 * <p>A walk down a tree is a chain of dependent loads (node, value, child), so one row at a time waits on memory at
 * every level. {@link #leaves} moves a whole block of rows down one level per pass instead: the rows' chains are
 * independent and the processor overlaps them. Leaves point to themselves, so a row that reached one stays there
 * while the others go on, for as many passes as the tree is deep. Each node is four ints next to each other (the
 * offset of its column in a {@link Walk}'s float block, its threshold, its children): one cache line holds four
 * nodes. The block's values are cast to float32 once per block ({@link Walk#load}), not once per node visited,
 * and compared with the largest float32 not above the threshold, which for a float32 value decides as the
 * comparison with the float64 threshold does.
 */
final class TreeNodes implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Per node: its column's offset in a walk's floats, its threshold's float bits, its left and right child. */
    private final int[] packed;
    private final boolean[] missingLeft;
    private final int[] roots;
    /** Per tree, the edges on its longest path from the root: the passes that bring every row to a leaf. */
    private final int[] depth;
    /** The columns rows have: a split reads one of them. */
    private final int width;

    /**
     * @param columns per tree, the row's column for each of the tree's features (IsolationForest's
     *                {@code estimators_features_}), or null for a tree applied to the whole row
     */
    TreeNodes(List<FittedTree> trees, List<int[]> columns, int width) {
        int total = 0;
        for (FittedTree t : trees) {
            total = Math.addExact(total, t.nodeCount());
        }
        this.width = width;
        packed = new int[Math.multiplyExact(total, 4)];
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
                int column = leaf ? 0 : map == null ? t.feature()[i] : map[t.feature()[i]];
                if (column < 0 || column >= width) { // FittedTree and the feature subsets are checked before
                    throw new IllegalStateException("tree " + k + " node " + i + " splits on column " + column
                            + " of " + width);
                }
                int b = (at + i) * 4;
                packed[b] = column * RowBlock.SIZE;
                packed[b + 1] = Float.floatToRawIntBits(floatAtMost(t.threshold()[i]));
                packed[b + 2] = leaf ? at + i : at + t.left()[i];
                packed[b + 3] = leaf ? at + i : at + t.right()[i];
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

    /**
     * The largest float32 not above {@code threshold}: for a float32 {@code v}, {@code v <= threshold} (as
     * doubles) exactly when {@code v <= floatAtMost(threshold)}, infinities included (NaN compares false in both).
     */
    static float floatAtMost(double threshold) {
        float f = (float) threshold; // round to nearest: at most one float step above
        return f > threshold ? Math.nextDown(f) : f;
    }

    int trees() {
        return roots.length;
    }

    int nodes() {
        return missingLeft.length;
    }

    /** The global index of the first node of tree {@code k}. */
    int root(int k) {
        return roots[k];
    }

    /**
     * The leaves (global node indexes) tree {@code k} sends the rows of {@code walk}'s block to, into
     * {@code walk.leaves[0 .. walk.rows)}.
     */
    void leaves(int k, Walk walk) {
        int n = walk.rows;
        int[] at = walk.leaves;
        float[] x = walk.values;
        int[] p = packed;
        java.util.Arrays.fill(at, 0, n, roots[k]);
        for (int pass = depth[k]; pass > 0; pass--) {
            if (!walk.missing) {
                for (int i = 0; i < n; i++) {
                    int b = at[i] << 2;
                    float v = x[p[b] + i];
                    int l = p[b + 2];
                    int r = p[b + 3];
                    // both children loaded: a conditional move, not a branch for the data to mispredict
                    at[i] = v <= Float.intBitsToFloat(p[b + 1]) ? l : r;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    int node = at[i];
                    int b = node << 2;
                    float v = x[p[b] + i];
                    int l = p[b + 2];
                    int r = p[b + 3];
                    // NaN (v != v) goes by missing_go_to_left; non-short-circuit operators keep it branch-free
                    boolean goLeft = v <= Float.intBitsToFloat(p[b + 1]) | v != v & missingLeft[node];
                    at[i] = goLeft ? l : r;
                }
            }
        }
    }

    /**
     * One block of at most {@link RowBlock#SIZE} rows as the trees read it: its values cast to float32 once,
     * column after column, and the leaves the last tree sent its rows to. Kept with the predictions for the next
     * batch ({@link #walk}).
     */
    static final class Walk {
        final float[] values;
        final int[] leaves = new int[RowBlock.SIZE];
        int rows;
        /** Whether a value of the block is NaN: only then does a walk look at missing_go_to_left. */
        boolean missing;

        private Walk(int width) {
            values = new float[Math.max(1, width) * RowBlock.SIZE];
        }

        /** Rows {@code [first, end)} of the row-major {@code x}, {@code width} values a row (float32, as numpy casts). */
        void load(double[] x, int width, int first, int end) {
            int n = end - first;
            boolean nan = false;
            for (int c = 0; c < width; c++) {
                int to = c * RowBlock.SIZE;
                for (int i = 0, from = first * width + c; i < n; i++, from += width) {
                    float v = (float) x[from];
                    values[to + i] = v;
                    nan |= v != v;
                }
            }
            rows = n;
            missing = nan;
        }
    }

    /** A walk for blocks of {@code width}-value rows, kept with the predictions for the next batch. */
    Walk walk(Predictions out) {
        if (out.work instanceof Walk w && w.values.length >= width * RowBlock.SIZE) {
            return w;
        }
        Walk w = new Walk(width);
        out.work = w;
        return w;
    }
}
