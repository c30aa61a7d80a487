package io.shape.domain.report;

import io.shape.domain.transform.FittedState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FittedDriftTest {
    private static FittedState encoder(double[][] categories) {
        return new FittedState("pre/k", "OneHotEncoder", 2, 7, Map.of("n_categories", new double[] {5, 2},
                "categories_", categories));
    }

    /** An encoder's categories_ has a row per column, each of its own length: no quantiles to compare, no crash. */
    @Test
    void perColumnRowsOfOwnLengthsAreNotComparedAsQuantiles() {
        double[][] categories = {{0, 1, 2, 3, 4}, {0, 1}};
        List<StatisticShift> shifts = FittedDrift.between(List.of(encoder(categories)), List.of(encoder(categories)));
        assertEquals(List.of("n_categories[0]", "n_categories[1]"), shifts.stream().map(StatisticShift::statistic)
                .toList());
    }

    @Test
    void quantilesAreComparedPerColumnAtTheirLevels() {
        double[][] before = {{0, 10}, {1, 11}, {2, 12}, {3, 13}, {4, 14}};
        double[][] after = {{0, 10}, {1, 11}, {2, 12}, {3, 13}, {5, 14}};
        List<StatisticShift> shifts = FittedDrift.between(
                List.of(new FittedState("q", "QuantileTransformer", 2, 2, Map.of("quantiles_", before))),
                List.of(new FittedState("q", "QuantileTransformer", 2, 2, Map.of("quantiles_", after))));
        assertEquals(10, shifts.size());
        assertEquals("quantiles_[q=1.00][0]", shifts.get(0).statistic());
        assertEquals(0.5, shifts.get(0).relative(), 1e-12, "a shift of 1 over the column's interquartile range 2");
    }
}
