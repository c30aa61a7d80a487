package io.shape.adapters.local;

import io.shape.domain.model.Model;
import io.shape.domain.model.OutputSchema;

import java.util.List;

/**
 * The columns of the predictions files, as the model decides them: {@code row}, {@code prediction} (int64
 * labels, string labels or double values), {@code decision_function} when the model has one value a row,
 * and the per-label doubles: {@code decision_function_<label>} when it is a matrix, {@code probability_<label>}
 * when the model has {@code predict_proba}.
 */
record PredictionColumns(Type type, boolean decision, long[] longLabels, String[] stringLabels,
                         List<String> perLabel) {
    /** What {@code prediction} holds. */
    enum Type { LONG_LABEL, STRING_LABEL, VALUE }

    /** The domain's {@link OutputSchema}, held the way the local writers use it. */
    static PredictionColumns of(Model model) {
        OutputSchema schema = OutputSchema.of(model);
        Type type = switch (schema.prediction()) {
            case INTEGER_LABEL -> Type.LONG_LABEL;
            case TEXT_LABEL -> Type.STRING_LABEL;
            case VALUE -> Type.VALUE;
        };
        long[] longs = type == Type.LONG_LABEL ? schema.integerLabels() : new long[schema.labelCount()];
        return new PredictionColumns(type, schema.decisionFunction(), longs, schema.labelTexts(),
                schema.labelColumns());
    }

    int labelCount() {
        return stringLabels.length;
    }
}
