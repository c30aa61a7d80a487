package io.shape.domain.model;

import java.util.List;

/**
 * The nodes of every tree of a model in flat arrays, tree after tree, so that scoring a block of rows walks
 * primitive arrays: {@code apply_dense} of scikit-learn's {@code tree/_tree.pyx}, for each tree in
 * {@code estimators_} order. A value is cast to float32 before it is compared with the float64 threshold
 * ({@code X} is float32 there), NaN follows {@code missing_go_to_left}.
 *
 * <p>A walk down a tree is a chain of dependent loads (node, value, child), so one row at a time waits on memory at
 * every level. {@link #leaves} moves a whole block of rows down one level per pass instead: the rows' chains are
 * independent and the processor overlaps them. Leaves point to themselves, so a row that reached one stays there
 * while the others go on, for as many passes as the tree is deep.
 *
 * <p>What one step of a row costs decides the speed of a forest (a 100-tree forest of depth 12 takes 1,200 steps
 * a row), so a step is made of as few loads and no branch: the nodes are numbered breadth first with the two
 * children of a node side by side, so that a node is one {@code long} (its left child's number and its
 * threshold) and a row goes to {@code left + (value > threshold)}; the column the node reads is one more int.
 * Measured against four ints a node and a conditional move between the two children: a fifth fewer nanoseconds a
 * row. A leaf's threshold is NaN, which no value is above, and its left child is itself. The threshold is the
 * largest float32 not above the float64 one, which for a float32 value decides as the comparison with the float64
 * threshold does. The block's values are cast to float32 once per block ({@link Walk#load}), not once per node
 * visited. Per-node values ({@link #arrange}) follow this numbering.
 */
final class TreeNodes implements java.io.Serializable {
    private static final long serialVersionUID = 2L;
    private static final int LEAF_THRESHOLD = Float.floatToRawIntBits(Float.NaN);

    /** Per node: its left child's number in the high 32 bits, its threshold's float bits in the low 32. */
    private final long[] nodes;
    /** Per node: the offset of its column in a walk's floats (0 for a leaf). */
    private final int[] column;
    /** Per node: whether NaN goes right (not {@code missing_go_to_left}); never for a leaf, which keeps its rows. */
    private final boolean[] missingRight;
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
        nodes = new long[total];
        column = new int[total];
        missingRight = new boolean[total];
        roots = new int[trees.size()];
        depth = new int[trees.size()];
        int at = 0;
        for (int k = 0; k < trees.size(); k++) {
            FittedTree t = trees.get(k);
            int[] map = columns == null ? null : columns.get(k);
            roots[k] = at;
            int[] order = breadthFirst(t);
            int[] number = new int[t.nodeCount()];
            for (int n = 0; n < order.length; n++) {
                number[order[n]] = at + n;
            }
            int[] level = new int[t.nodeCount()];
            for (int n = 0; n < order.length; n++) {
                int i = order[n];
                int self = at + n;
                if (t.left()[i] == -1) {
                    nodes[self] = (long) self << 32 | LEAF_THRESHOLD & 0xffffffffL;
                    continue;
                }
                int c = map == null ? t.feature()[i] : map[t.feature()[i]];
                if (c < 0 || c >= width) { // FittedTree and the feature subsets are checked before
                    throw new IllegalStateException("tree " + k + " node " + i + " splits on column " + c + " of "
                            + width);
                }
                int threshold = Float.floatToRawIntBits(floatAtMost(t.threshold()[i]));
                nodes[self] = (long) number[t.left()[i]] << 32 | threshold & 0xffffffffL;
                column[self] = c * RowBlock.SIZE;
                missingRight[self] = !t.missingLeft()[i];
                level[t.left()[i]] = level[i] + 1;
                level[t.right()[i]] = level[i] + 1;
                depth[k] = Math.max(depth[k], level[i] + 1);
            }
            at += order.length;
        }
    }

    /**
     * The nodes of {@code tree} reachable from its root, breadth first, a left child followed by its right
     * sibling. FittedTree checks that children come after their parent, that a node has one parent and that every
     * node but the root has one, so each node comes once.
     */
    private static int[] breadthFirst(FittedTree tree) {
        int[] order = new int[tree.nodeCount()];
        int end = 1;
        for (int head = 0; head < end; head++) {
            int i = order[head];
            if (tree.left()[i] != -1) {
                order[end++] = tree.left()[i];
                order[end++] = tree.right()[i];
            }
        }
        return java.util.Arrays.copyOf(order, end);
    }

    /**
     * Per-node values of each tree ({@code stride} doubles a node, in the tree's own node order), laid out for
     * the nodes {@link #leaves} returns: {@code perTree.get(k)} belongs to {@code trees.get(k)}, the trees this
     * walk was made of.
     */
    double[] arrange(List<FittedTree> trees, List<double[]> perTree, int stride) {
        double[] out = new double[Math.multiplyExact(nodes.length, stride)];
        int at = 0;
        for (int k = 0; k < trees.size(); k++) {
            int[] order = breadthFirst(trees.get(k));
            if (k >= roots.length || roots[k] != at || at + order.length > nodes.length) {
                throw new IllegalArgumentException("tree " + k + " is not the one this walk was made of");
            }
            for (int i : order) {
                System.arraycopy(perTree.get(k), i * stride, out, at * stride, stride);
                at++;
            }
        }
        if (at != nodes.length) {
            throw new IllegalArgumentException(trees.size() + " trees, not the " + roots.length + " of this walk");
        }
        return out;
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

    /** The nodes of all trees (FittedTree refuses a node the root does not reach). */
    int nodes() {
        return nodes.length;
    }

    /**
     * The leaves (node numbers, see {@link #arrange}) tree {@code k} sends the rows of {@code walk}'s block to,
     * into {@code walk.leaves[0 .. walk.rows)}.
     */
    void leaves(int k, Walk walk) {
        int n = walk.rows;
        int[] at = walk.leaves;
        float[] x = walk.values;
        long[] w = nodes;
        int[] c = column;
        java.util.Arrays.fill(at, 0, n, roots[k]);
        for (int pass = depth[k]; pass > 0; pass--) {
            if (!walk.missing) {
                for (int i = 0; i < n; i++) {
                    int node = at[i];
                    long word = w[node];
                    // v > threshold: not v <= threshold, as no value is NaN here; false at a leaf (NaN)
                    at[i] = (int) (word >>> 32) + (x[c[node] + i] > Float.intBitsToFloat((int) word) ? 1 : 0);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    int node = at[i];
                    long word = w[node];
                    float v = x[c[node] + i];
                    // NaN (v != v) goes by missing_go_to_left; non-short-circuit operators keep it branch-free
                    boolean right = v > Float.intBitsToFloat((int) word) | v != v & missingRight[node];
                    at[i] = (int) (word >>> 32) + (right ? 1 : 0);
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
        /** Whether a value of the block is infinite as float32 (a double beyond float32's range included). */
        boolean infinite;

        private Walk(int width) {
            values = new float[Math.max(1, width) * RowBlock.SIZE];
        }

        /** Rows {@code [first, end)} of the row-major {@code x}, {@code width} values a row (float32, as numpy casts). */
        void load(double[] x, int width, int first, int end) {
            int n = end - first;
            boolean nan = false;
            boolean inf = false;
            for (int c = 0; c < width; c++) {
                int to = c * RowBlock.SIZE;
                for (int i = 0, from = first * width + c; i < n; i++, from += width) {
                    float v = (float) x[from];
                    values[to + i] = v;
                    nan |= v != v;
                    inf |= Math.abs(v) == Float.POSITIVE_INFINITY;
                }
            }
            rows = n;
            missing = nan;
            infinite = inf;
        }

        /**
         * scikit-learn's {@code check_array} on the float32 {@code X} of a tree model's predict (the decision trees,
         * the forests, GradientBoosting; not IsolationForest, which asks for no check): a value float32 holds as
         * infinity is refused, a double too large for float32 included, and NaN unless the model routes it. Rows
         * {@code [first, first + rows)} of {@code x} are the block {@link #load} read.
         *
         * @throws io.shape.domain.ShapeException INVALID_INPUT naming the estimator, the value and its feature
         */
        void requireFinite(String estimator, boolean nanRouted, double[] x, int width, int first) {
            if (!infinite && (nanRouted || !missing)) {
                return;
            }
            for (int from = first * width, end = (first + rows) * width; from < end; from++) {
                float v = (float) x[from];
                boolean nan = v != v;
                if (nan && !nanRouted || Float.isInfinite(v)) {
                    // the value the estimator is given: after the pipeline's steps, which know the column names
                    throw io.shape.domain.ShapeException.invalidInput(estimator + " met " + x[from]
                            + " in its input feature " + from % width + " (counting from 0, after the pipeline's "
                            + "steps)" + (nan ? "" : ", infinite as the float32 it reads") + "; scikit-learn's "
                            + estimator + " refuses it (ValueError: Input X contains " + (nan ? "NaN): impute or "
                            + "remove those values before it" : "infinity or a value too large for "
                            + "dtype('float32')): clip, rescale or remove such values before it"));
                }
            }
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
