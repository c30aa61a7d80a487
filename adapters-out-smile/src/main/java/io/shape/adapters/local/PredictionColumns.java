package io.shape.adapters.local;

import io.shape.domain.ShapeException;
import io.shape.domain.ErrorKind;
import io.shape.domain.model.Model;
import io.shape.domain.model.PredictionKind;

import java.util.List;

/**
 * The columns of the predictions files, as the model decides them: {@code row}, {@code prediction} (int64
 * labels, string labels or double values) and {@code decision_function} when the model has one.
 */
record PredictionColumns(Type type, boolean decision, long[] longLabels, String[] stringLabels) {
    /** What {@code prediction} holds. */
    enum Type { LONG_LABEL, STRING_LABEL, VALUE }

    static PredictionColumns of(Model model) {
        boolean decision = model.hasDecisionFunction();
        if (model.predictionKind() == PredictionKind.VALUE) {
            return new PredictionColumns(Type.VALUE, decision, new long[0], new String[0]);
        }
        List<Object> labels = model.labels();
        if (labels.isEmpty()) {
            throw new ShapeException(ErrorKind.INVALID_INPUT, "the " + model.estimatorClass()
                    + " model predicts labels but lists none (classes_ is empty)");
        }
        boolean allNumbers = labels.stream().allMatch(l -> l instanceof Long || l instanceof Integer);
        long[] longs = new long[labels.size()];
        String[] strings = new String[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            Object l = labels.get(i);
            strings[i] = String.valueOf(l);
            if (allNumbers) {
                longs[i] = ((Number) l).longValue();
            }
        }
        return new PredictionColumns(allNumbers ? Type.LONG_LABEL : Type.STRING_LABEL, decision, longs, strings);
    }

    int labelCount() {
        return stringLabels.length;
    }
}
