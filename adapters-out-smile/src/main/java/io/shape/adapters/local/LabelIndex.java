package io.shape.adapters.local;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.model.Model;
import io.shape.domain.model.PredictionKind;
import org.apache.parquet.io.api.Binary;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the prediction values found in a predictions file back to indexes of the model's labels, the way
 * both engines wrote them: int64 for integer labels, UTF-8 text for string labels, doubles for regressors.
 */
final class LabelIndex {
    /** Up to this many labels a linear scan beats hashing (and boxes nothing). */
    private static final int SCAN_LIMIT = 8;

    private final PredictionColumns.Type type;
    private final long[] longs;
    private final List<String> texts;
    private final Map<Long, Integer> byLong = new HashMap<>();
    private final Map<Binary, Integer> byBinary = new HashMap<>();
    private final Map<String, Integer> byText = new HashMap<>();

    private LabelIndex(PredictionColumns columns) {
        this.type = columns.type();
        this.longs = columns.longLabels();
        this.texts = List.of(columns.stringLabels());
        for (int i = 0; i < columns.labelCount(); i++) {
            String text = columns.stringLabels()[i];
            byText.putIfAbsent(text, i);
            byBinary.putIfAbsent(Binary.fromConstantByteArray(text.getBytes(StandardCharsets.UTF_8)), i);
            if (type == PredictionColumns.Type.LONG_LABEL) {
                byLong.putIfAbsent(longs[i], i);
            }
        }
    }

    static LabelIndex of(Model model) {
        if (model.predictionKind() == PredictionKind.LABEL && model.labels().isEmpty()) {
            throw new ShapeException(ErrorKind.INVALID_INPUT, "the " + model.estimatorClass()
                    + " model predicts labels but lists none (classes_ is empty)");
        }
        return new LabelIndex(PredictionColumns.of(model));
    }

    PredictionColumns.Type type() {
        return type;
    }

    /** The label texts by index, as {@code prediction_counts} spells them; empty for regressors. */
    List<String> texts() {
        return type == PredictionColumns.Type.VALUE ? List.of() : new ArrayList<>(texts);
    }

    /** The index of an integer label, or -1 when the model has no such label. */
    int ofLong(long value) {
        if (longs.length <= SCAN_LIMIT) {
            for (int i = 0; i < longs.length; i++) {
                if (longs[i] == value) {
                    return i;
                }
            }
            return -1;
        }
        return byLong.getOrDefault(value, -1);
    }

    /** The index of a string label given as UTF-8 bytes, or -1. */
    int ofBinary(Binary value) {
        return byBinary.getOrDefault(value, -1);
    }

    /** The index of a label as written in CSV text, or -1. */
    int ofText(String value) {
        if (type == PredictionColumns.Type.LONG_LABEL) {
            try {
                return ofLong(Long.parseLong(value.strip()));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return byText.getOrDefault(value, -1);
    }
}
