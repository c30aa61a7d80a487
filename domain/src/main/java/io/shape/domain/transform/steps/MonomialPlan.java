package io.shape.domain.transform.steps;

import java.util.ArrayList;
import java.util.List;

/**
 * The output columns of PolynomialFeatures as flat index lists: column {@code c} is the product of the
 * inputs {@code factors[start[c] .. start[c+1])}, multiplied from the last factor to the first, which is
 * the association scikit-learn's dense transform uses (a degree-d term is a degree-(d-1) term times its
 * first feature), so every product rounds exactly as there. An empty list is the bias column. Callers
 * count the columns first ({@link MonomialCount}): listing them is what runs out of memory.
 */
record MonomialPlan(int[] start, int[] factors) implements java.io.Serializable {
    static MonomialPlan of(int width, int minDegree, int maxDegree, boolean interactionOnly, boolean includeBias) {
        List<int[]> terms = new ArrayList<>();
        if (includeBias) {
            terms.add(new int[0]);
        }
        for (int d = Math.max(1, minDegree); d <= maxDegree; d++) {
            combinations(width, d, interactionOnly, new int[d], 0, 0, terms);
        }
        int[] start = new int[terms.size() + 1];
        int total = 0;
        for (int i = 0; i < terms.size(); i++) {
            start[i] = total;
            total += terms.get(i).length;
        }
        start[terms.size()] = total;
        int[] factors = new int[total];
        for (int i = 0; i < terms.size(); i++) {
            System.arraycopy(terms.get(i), 0, factors, start[i], terms.get(i).length);
        }
        return new MonomialPlan(start, factors);
    }

    /** Lexicographic order, as itertools.combinations(_with_replacement). */
    private static void combinations(int width, int degree, boolean strict, int[] current, int pos, int from,
                                     List<int[]> out) {
        if (pos == degree) {
            out.add(current.clone());
            return;
        }
        for (int i = from; i < width; i++) {
            current[pos] = i;
            combinations(width, degree, strict, current, pos + 1, strict ? i + 1 : i, out);
        }
    }

    int columns() {
        return start.length - 1;
    }
}
