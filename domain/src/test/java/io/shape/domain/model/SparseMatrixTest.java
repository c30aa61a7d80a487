package io.shape.domain.model;

import io.shape.domain.ShapeException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A pickled csr_matrix made dense, and the damaged ones refused before any cell is written out of place. */
class SparseMatrixTest {
    private static Map<String, Object> csr(long rows, long cols, double[] indptr, double[] indices, double[] data) {
        Map<String, Object> m = new HashMap<>();
        m.put("__class__", "scipy.sparse._csr.csr_matrix");
        m.put("_shape", List.of(rows, cols));
        m.put("indptr", new NdArray(indptr, new int[] {indptr.length}));
        m.put("indices", new NdArray(indices, new int[] {indices.length}));
        m.put("data", new NdArray(data, new int[] {data.length}));
        return m;
    }

    @Test
    void entriesLandInTheirCellsAndDuplicatesAreSummed() {
        NdArray dense = SparseMatrix.dense(csr(2, 3, new double[] {0, 2, 4}, new double[] {2, 0, 1, 1},
                new double[] {5, -1, 2, 0.5}), "support_vectors_");
        assertArrayEquals(new int[] {2, 3}, dense.shape());
        assertArrayEquals(new double[] {-1, 0, 5, 0, 2.5, 0}, dense.data());
        assertTrue(SparseMatrix.is(csr(0, 0, new double[] {0}, new double[0], new double[0])));
    }

    @Test
    void damagedMatricesAreRefusedNamingTheAttribute() {
        String[] messages = {
            refusal(csr(2, 3, new double[] {0, 1, 2}, new double[] {0, 3}, new double[] {1, 1})),
            refusal(csr(2, 3, new double[] {0, 2, 1}, new double[] {0, 1}, new double[] {1, 1})),
            refusal(csr(2, 3, new double[] {0, 1, 3}, new double[] {0, 1}, new double[] {1, 1})),
            refusal(csr(1, 3, new double[] {0, 1}, new double[] {-1}, new double[] {1})),
            refusal(csr(1L << 20, 1L << 20, new double[] {0}, new double[0], new double[0])),
        };
        for (String m : messages) {
            assertTrue(m.startsWith("fitted attribute 'support_vectors_' (a scipy sparse matrix) "), m);
        }
        assertTrue(messages[0].contains("column index 3.0 outside its 3 columns"), messages[0]);
        assertTrue(messages[4].contains("more than the 67,108,864 cells"), messages[4]);
    }

    private static String refusal(Map<String, Object> csr) {
        return assertThrows(ShapeException.class, () -> SparseMatrix.dense(csr, "support_vectors_")).getMessage();
    }
}
