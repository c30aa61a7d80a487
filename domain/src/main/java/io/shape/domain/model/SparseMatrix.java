package io.shape.domain.model;

import io.shape.domain.ShapeException;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A scipy {@code csr_matrix} of a pickle (its {@code _shape}, {@code indptr}, {@code indices}, {@code data}) made
 * dense: what an SVM fitted on a sparse matrix keeps as {@code support_vectors_} and {@code dual_coef_}, as when a
 * ColumnTransformer's one-hot output was sparse. libsvm's sparse kernels sum the same products in the same column
 * order as its dense ones, over the non-zero entries only, and the zeros a dense row adds change no sum: the dense
 * matrix scores to the same bits. Checked as data from an untrusted file: the row pointers rise from 0 to the entry
 * count, every column index is inside the shape, and the dense matrix has a bounded size.
 */
public final class SparseMatrix {
    /** scipy's class since 1.8, and its earlier module. */
    public static final Set<String> CLASSES = Set.of("scipy.sparse._csr.csr_matrix", "scipy.sparse.csr.csr_matrix");
    /** 64 M doubles, 512 MB: far beyond the support vectors of any SVM one would score row by row. */
    static final long MAX_CELLS = 1L << 26;

    private SparseMatrix() {
    }

    static boolean is(Object value) {
        return value instanceof Map<?, ?> m && CLASSES.contains(String.valueOf(m.get("__class__")));
    }

    /** The dense matrix, duplicate entries summed as scipy's {@code toarray} sums them. */
    static NdArray dense(Map<?, ?> csr, String name) {
        if (!(csr.get("_shape") instanceof List<?> shape) || shape.size() != 2
                || !(shape.get(0) instanceof Long rows) || !(shape.get(1) instanceof Long cols) || rows < 0 || cols < 0) {
            throw bad(name, "has no 2-D _shape");
        }
        if (rows * cols > MAX_CELLS) {
            throw bad(name, String.format(Locale.ROOT, "is %,d × %,d, more than the %,d cells shape makes dense",
                    rows, cols, MAX_CELLS));
        }
        double[] pointers = vector(csr, "indptr", name);
        double[] indices = vector(csr, "indices", name);
        double[] data = vector(csr, "data", name);
        if (pointers.length != rows + 1 || pointers[0] != 0 || pointers[(int) (long) rows] != data.length
                || indices.length != data.length) {
            throw bad(name, "has row pointers that do not cover its " + data.length + " entries");
        }
        double[] dense = new double[(int) (rows * cols)];
        for (int r = 0; r < rows; r++) {
            if (!(pointers[r] <= pointers[r + 1])) {
                throw bad(name, "has row pointers that go down at row " + r);
            }
            for (int k = (int) pointers[r]; k < (int) pointers[r + 1]; k++) {
                double c = indices[k];
                if (!(c >= 0 && c < cols)) {
                    throw bad(name, "has the column index " + c + " outside its " + cols + " columns");
                }
                dense[(int) (r * cols + (long) c)] += data[k];
            }
        }
        return new NdArray(dense, new int[] {(int) (long) rows, (int) (long) cols});
    }

    private static double[] vector(Map<?, ?> csr, String key, String name) {
        Object v = csr.get(key);
        if (v instanceof NdArray a && a.shape().length == 1) {
            return a.data();
        }
        if (v instanceof List<?> l && l.stream().allMatch(Long.class::isInstance)) { // int arrays decode to lists
            return l.stream().mapToDouble(x -> (Long) x).toArray();
        }
        throw bad(name, "has no 1-D " + key);
    }

    private static ShapeException bad(String name, String problem) {
        return ShapeException.invalidInput("fitted attribute '" + name + "' (a scipy sparse matrix) " + problem
                + "; the file is damaged or not a scikit-learn model: fit and save it again");
    }
}
