package io.shape.domain.transform.encode;

import java.util.Arrays;

/**
 * How often each distinct double occurs in a column, as numpy's {@code unique} counts: -0.0 is 0.0 and every NaN
 * is one value. A fitting pass counts every cell of the table, so the values are kept by their bits in open
 * addressing, without a boxed key per cell.
 */
final class ValueCounts implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** A value's canonical bits, its slot's count (0: an empty slot; a counted value has at least 1). */
    private long[] bits = new long[16];
    private long[] counts = new long[16];
    private int size;

    /** A visitor of the counted values. */
    @FunctionalInterface
    interface Visitor {
        void value(double value, long count);
    }

    int size() {
        return size;
    }

    /**
     * Adds {@code n ≥ 1} occurrences of {@code v}.
     *
     * @return false, counting nothing, when {@code v} is new and {@code limit} values are counted already
     */
    boolean add(double v, long n, long limit) {
        long key = Double.doubleToLongBits(v == 0 ? 0.0 : v); // doubleToLongBits makes every NaN one
        int mask = bits.length - 1;
        int i = slot(key, mask);
        while (counts[i] != 0) {
            if (bits[i] == key) {
                counts[i] += n;
                return true;
            }
            i = (i + 1) & mask;
        }
        if (size >= limit) {
            return false;
        }
        bits[i] = key;
        counts[i] = n;
        if (++size * 2 > bits.length) {
            grow();
        }
        return true;
    }

    void forEach(Visitor visitor) {
        for (int i = 0; i < bits.length; i++) {
            if (counts[i] != 0) {
                visitor.value(Double.longBitsToDouble(bits[i]), counts[i]);
            }
        }
    }

    /** The values in numpy's sorted order (NaN last) and, at the same index, their counts. */
    Counted sorted() {
        double[] values = new double[size];
        long[] n = new long[size];
        int k = 0;
        for (int i = 0; i < bits.length; i++) {
            if (counts[i] != 0) {
                values[k++] = Double.longBitsToDouble(bits[i]);
            }
        }
        Arrays.sort(values); // Double order: NaN last, as np.unique puts it
        for (int j = 0; j < values.length; j++) {
            n[j] = countOf(values[j]);
        }
        return new Counted(values, n);
    }

    record Counted(double[] values, long[] counts) {}

    private long countOf(double v) {
        long key = Double.doubleToLongBits(v);
        int mask = bits.length - 1;
        for (int i = slot(key, mask); counts[i] != 0; i = (i + 1) & mask) {
            if (bits[i] == key) {
                return counts[i];
            }
        }
        return 0;
    }

    private void grow() {
        long[] oldBits = bits;
        long[] oldCounts = counts;
        bits = new long[oldBits.length * 2];
        counts = new long[oldBits.length * 2];
        int mask = bits.length - 1;
        for (int j = 0; j < oldBits.length; j++) {
            if (oldCounts[j] != 0) {
                int i = slot(oldBits[j], mask);
                while (counts[i] != 0) {
                    i = (i + 1) & mask;
                }
                bits[i] = oldBits[j];
                counts[i] = oldCounts[j];
            }
        }
    }

    /** The bits mixed (small integers and codes differ only in their high bits as doubles). */
    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
