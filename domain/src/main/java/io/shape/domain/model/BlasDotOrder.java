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

    /**
     * {@link #sum} on a block whose columns are separate arrays ({@code columns[j][r]}), with lanes as separate
     * arrays of at least {@code rows} values ({@code 32} of them, or {@code 16} when fewer than 32 features):
     * the same sums to the bit, but each loop reads and writes distinct arrays, which the JIT vectorizes
     * (it does not vectorize loops over offsets into one array). For squared distances with 32 to 95
     * features and no block of 16, each folded lane is computed in one pass from its columns.
     */
    static void sum(double[][] columns, int rows, int features, double[] sv, int svBase, boolean squaredDistance,
            double[] out, double[][] lanes) {
        int n1 = features & -16;
        int n32 = features & -32;
        if (n1 == 0) {
            java.util.Arrays.fill(out, 0, rows, 0.0);
        } else {
            if (squaredDistance && n1 == n32 && n32 <= 64) {
                foldedSquares(columns, rows, n32 == 64, sv, svBase, lanes);
            } else {
                int laneCount = n32 > 0 ? 32 : 16;
                for (int l = 0; l < laneCount; l++) {
                    java.util.Arrays.fill(lanes[l], 0, rows, 0.0);
                }
                for (int j = 0; j < n32; j++) {
                    accumulate(columns[j], rows, sv[svBase + j], squaredDistance, lanes[j & 31]);
                }
                if (n32 > 0) {
                    // lane q*4+l = lane q*8+l + lane q*8+l+4, in place (a destination is never read again)
                    for (int q = 0; q < 4; q++) {
                        for (int l = 0; l < 4; l++) {
                            double[] dest = lanes[q * 4 + l];
                            double[] a = lanes[q * 8 + l];
                            double[] b = lanes[q * 8 + l + 4];
                            for (int r = 0; r < rows; r++) {
                                dest[r] = a[r] + b[r];
                            }
                        }
                    }
                }
                for (int j = n32; j < n1; j++) {
                    accumulate(columns[j], rows, sv[svBase + j], squaredDistance, lanes[j & 15]);
                }
            }
            reduce16(lanes, rows, out);
        }
        for (int j = n1; j < features; j++) {
            accumulate(columns[j], rows, sv[svBase + j], squaredDistance, out);
        }
    }

    /**
     * The 16 folded lanes of squared distances when the 32-lane phase has one or two blocks and no 16-lane
     * block follows: lane p = q*4+l is lane a + lane a+4 with a = q*8+l, and lane a is
     * fma(d_{a+32}, d_{a+32}, d_a·d_a) (or d_a·d_a with one block), as the kernel's zeroed lanes give.
     */
    private static void foldedSquares(double[][] columns, int rows, boolean twoBlocks, double[] sv, int svBase,
            double[][] lanes) {
        for (int p = 0; p < 16; p++) {
            int a = (p >> 2) * 8 + (p & 3);
            int b = a + 4;
            double[] dest = lanes[p];
            double[] ca = columns[a];
            double[] cb = columns[b];
            double sa = sv[svBase + a];
            double sb = sv[svBase + b];
            if (twoBlocks) {
                double[] ca2 = columns[a + 32];
                double[] cb2 = columns[b + 32];
                double sa2 = sv[svBase + a + 32];
                double sb2 = sv[svBase + b + 32];
                for (int r = 0; r < rows; r++) {
                    double x = ca[r] - sa;
                    double x2 = ca2[r] - sa2;
                    double y = cb[r] - sb;
                    double y2 = cb2[r] - sb2;
                    dest[r] = Math.fma(x2, x2, x * x) + Math.fma(y2, y2, y * y);
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    double x = ca[r] - sa;
                    double y = cb[r] - sb;
                    dest[r] = x * x + y * y;
                }
            }
        }
    }

    /** v_l = ((a_l + a_{4+l}) + a_{8+l}) + a_{12+l}, then (v_0 + v_2) + (v_1 + v_3). */
    private static void reduce16(double[][] lanes, int rows, double[] out) {
        double[] a0 = lanes[0];
        double[] a1 = lanes[1];
        double[] a2 = lanes[2];
        double[] a3 = lanes[3];
        double[] a4 = lanes[4];
        double[] a5 = lanes[5];
        double[] a6 = lanes[6];
        double[] a7 = lanes[7];
        double[] a8 = lanes[8];
        double[] a9 = lanes[9];
        double[] a10 = lanes[10];
        double[] a11 = lanes[11];
        double[] a12 = lanes[12];
        double[] a13 = lanes[13];
        double[] a14 = lanes[14];
        double[] a15 = lanes[15];
        for (int r = 0; r < rows; r++) {
            double v0 = ((a0[r] + a4[r]) + a8[r]) + a12[r];
            double v1 = ((a1[r] + a5[r]) + a9[r]) + a13[r];
            double v2 = ((a2[r] + a6[r]) + a10[r]) + a14[r];
            double v3 = ((a3[r] + a7[r]) + a11[r]) + a15[r];
            out[r] = (v0 + v2) + (v1 + v3);
        }
    }

    private static void accumulate(double[] column, int rows, double s, boolean squaredDistance, double[] acc) {
        if (squaredDistance) {
            for (int r = 0; r < rows; r++) {
                double d = column[r] - s;
                acc[r] = Math.fma(d, d, acc[r]);
            }
        } else {
            for (int r = 0; r < rows; r++) {
                acc[r] = Math.fma(column[r], s, acc[r]);
            }
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
