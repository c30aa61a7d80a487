package io.shape.domain.model;

import io.shape.domain.ShapeException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The output columns both engines write, decided once from the model's labels. */
class OutputSchemaTest {
    @Test
    void integerLabelsOfAnyWidthAreIntegers() {
        OutputSchema s = OutputSchema.of(new Labels(PredictionKind.LABEL, List.of(-1L, 1), true, false));
        assertEquals(OutputSchema.Prediction.INTEGER_LABEL, s.prediction());
        assertArrayEquals(new long[] {-1, 1}, s.integerLabels());
        assertEquals(List.of("row", "prediction", "decision_function"), s.columns());
    }

    @Test
    void anyOtherLabelsAreWrittenAsText() {
        OutputSchema bools = OutputSchema.of(new Labels(PredictionKind.LABEL, List.of(false, true), false, false));
        assertEquals(OutputSchema.Prediction.TEXT_LABEL, bools.prediction());
        assertArrayEquals(new String[] {"false", "true"}, bools.labelTexts());
        OutputSchema mixed = OutputSchema.of(new Labels(PredictionKind.LABEL, List.of(1L, "b"), false, false));
        assertEquals(OutputSchema.Prediction.TEXT_LABEL, mixed.prediction());
        assertEquals(List.of("row", "prediction"), mixed.columns());
    }

    /** predict_proba's columns follow, one per label in classes_ order, named as scikit-learn prints the label. */
    @Test
    void probabilitiesAreOneColumnPerLabel() {
        OutputSchema s = OutputSchema.of(new Labels(PredictionKind.LABEL, List.of("ok", "fault"), true, true));
        assertEquals(List.of("row", "prediction", "decision_function", "probability_ok", "probability_fault"),
                s.columns());
        assertEquals(List.of("probability_ok", "probability_fault"), s.probabilityColumns());
        OutputSchema multi = OutputSchema.of(new Labels(PredictionKind.LABEL, List.of(0L, 1L, 2L), false, true));
        assertEquals(List.of("row", "prediction", "probability_0", "probability_1", "probability_2"), multi.columns());
    }

    @Test
    void regressorsWriteValuesAndALabelModelWithoutLabelsIsRefused() {
        assertEquals(OutputSchema.Prediction.VALUE,
                OutputSchema.of(new Labels(PredictionKind.VALUE, List.of(), false, false)).prediction());
        assertThrows(ShapeException.class, () -> OutputSchema.of(new Labels(PredictionKind.LABEL, List.of(), false, false)));
    }

    private record Labels(PredictionKind predictionKind, List<Object> labels, boolean hasDecisionFunction,
                          boolean hasProbabilities) implements Model {
        @Override
        public String estimatorClass() {
            return "Fake";
        }

        @Override
        public int featureCount() {
            return 1;
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of();
        }

        @Override
        public void score(double[] x, int rows, Predictions out) {
            throw new UnsupportedOperationException();
        }
    }
}
