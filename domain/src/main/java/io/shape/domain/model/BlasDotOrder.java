package io.shape.domain.model;

/**
 * Sums per-feature products the way the BLAS {@code ddot} behind scikit-learn's libsvm does, for a block
 * of rows at once (rows innermost, so the JIT can vectorize across rows).
 *
 * <p>scikit-learn 1.6.1's dense libsvm computes {@code <x, sv>} and {@code ||x − sv||²} with
 * {@code ddot} from the OpenBLAS bundled in scipy. OpenBLAS 0.3.28's x86-64 {@code ddot} for the
 * SkylakeX/Cooperlake kernels (what AVX-512 CPUs, Intel and AMD Zen 4, dispatch to) adds the first
 * {@code n & -16} terms in lanes: while 32 or more remain (whole blocks of 32), into 32 lanes
 * (term j → lane j mod 32, fused multiply-add), folded to 16 lanes (lane l + lane l+4 within each group
 * of 8); then blocks of 16 into 16 lanes (term j → lane j mod 16); the 16 lanes reduce as
 * {@code v_l = ((a_l + a_{4+l}) + a_{8+l}) + a_{12+l}}, {@code (v_0 + v_2) + (v_1 + v_3)}. The remaining
 * {@code n mod 16} terms are added one by one with fused multiply-add. With fewer than 16 features
 * this is a plain sequential fused sum. Other CPUs' kernels group differently (last-bit differences).
 */
final class BlasDotOrder {
    private BlasDotOrder() {
    }

    /** Lane scratch, in values, for {@code features} wide rows in blocks of {@code rows}. */
    static int laneScratch(int features, int rows) {
        int lanes = features >= 32 ? 32 : features >= 16 ? 16 : 0;
        return lanes * rows;
    }

    /**
     * Writes, for each row r of a column-major block, Σ_j term_j(r) into {@code out[outOffset + r]}, where
     * term_j(r) = d·d with d = column_j(r) − sv_j when {@code squaredDistance}, else column_j(r)·sv_j.
     */
    static void sum(double[] columns, int rows, int features, double[] sv, int svBase, boolean squaredDistance,
            double[] out, int outOffset, double[] lanes, int laneOffset) {
        int n1 = features & -16;
        int n32 = features & -32;
        int end = outOffset + rows;
        if (n1 == 0) {
            for (int r = outOffset; r < end; r++) {
                out[r] = 0.0;
            }
        } else {
            int laneCount = n32 > 0 ? 32 : 16;
            java.util.Arrays.fill(lanes, laneOffset, laneOffset + laneCount * rows, 0.0);
            for (int j = 0; j < n32; j++) {
                accumulate(columns, rows, j, sv[svBase + j], squaredDistance, lanes, laneOffset + (j & 31) * rows);
            }
            if (n32 > 0) {
                // fold 32 lanes into 16 in place: lane q*4+l = lane q*8+l + lane q*8+l+4 (sources never reused)
                for (int q = 0; q < 4; q++) {
                    for (int l = 0; l < 4; l++) {
                        int dest = laneOffset + (q * 4 + l) * rows;
                        int a = laneOffset + (q * 8 + l) * rows;
                        int b = laneOffset + (q * 8 + l + 4) * rows;
                        for (int r = 0; r < rows; r++) {
                            lanes[dest + r] = lanes[a + r] + lanes[b + r];
                        }
                    }
                }
            }
            for (int j = n32; j < n1; j++) {
                accumulate(columns, rows, j, sv[svBase + j], squaredDistance, lanes, laneOffset + (j & 15) * rows);
            }
            for (int r = 0; r < rows; r++) {
                int at = laneOffset + r;
                double v0 = ((lanes[at] + lanes[at + 4 * rows]) + lanes[at + 8 * rows]) + lanes[at + 12 * rows];
                double v1 = ((lanes[at + rows] + lanes[at + 5 * rows]) + lanes[at + 9 * rows]) + lanes[at + 13 * rows];
                double v2 = ((lanes[at + 2 * rows] + lanes[at + 6 * rows]) + lanes[at + 10 * rows])
                        + lanes[at + 14 * rows];
                double v3 = ((lanes[at + 3 * rows] + lanes[at + 7 * rows]) + lanes[at + 11 * rows])
                        + lanes[at + 15 * rows];
                out[outOffset + r] = (v0 + v2) + (v1 + v3);
            }
        }
        for (int j = n1; j < features; j++) {
            accumulate(columns, rows, j, sv[svBase + j], squaredDistance, out, outOffset);
        }
    }

    private static void accumulate(double[] columns, int rows, int j, double s, boolean squaredDistance,
            double[] acc, int accOffset) {
        int base = j * rows;
        if (squaredDistance) {
            for (int r = 0; r < rows; r++) {
                double d = columns[base + r] - s;
                acc[accOffset + r] = Math.fma(d, d, acc[accOffset + r]);
            }
        } else {
            for (int r = 0; r < rows; r++) {
                acc[accOffset + r] = Math.fma(columns[base + r], s, acc[accOffset + r]);
            }
        }
    }
}
