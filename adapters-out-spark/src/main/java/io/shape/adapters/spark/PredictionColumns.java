package io.shape.adapters.spark;

import io.shape.domain.ShapeException;
import io.shape.domain.model.Model;
import io.shape.domain.model.PredictionKind;
import io.shape.domain.model.Predictions;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of the predictions: {@code row} (int64), {@code prediction} (int64 labels, string labels, or
 * double for regressors) and {@code decision_function} (double) for models that have one.
 */
final class PredictionColumns implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final ArrayList<Object> labels;
    private final DataType predictionType;
    private final boolean decision;

    private PredictionColumns(ArrayList<Object> labels, DataType predictionType, boolean decision) {
        this.labels = labels;
        this.predictionType = predictionType;
        this.decision = decision;
    }

    static PredictionColumns of(Model model) {
        if (model.predictionKind() == PredictionKind.VALUE) {
            return new PredictionColumns(new ArrayList<>(), DataTypes.DoubleType, model.hasDecisionFunction());
        }
        List<Object> labels = model.labels();
        DataType type;
        if (!labels.isEmpty() && labels.stream().allMatch(Long.class::isInstance)) {
            type = DataTypes.LongType;
        } else if (!labels.isEmpty() && labels.stream().allMatch(String.class::isInstance)) {
            type = DataTypes.StringType;
        } else {
            throw ShapeException.invalidInput("the model (" + model.estimatorClass() + ") has labels " + labels
                    + "; shape writes integer or string labels, all of one kind");
        }
        return new PredictionColumns(new ArrayList<>(labels), type, model.hasDecisionFunction());
    }

    StructType schema() {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("row", DataTypes.LongType, false));
        fields.add(DataTypes.createStructField("prediction", predictionType, false));
        if (decision) {
            fields.add(DataTypes.createStructField("decision_function", DataTypes.DoubleType, false));
        }
        return DataTypes.createStructType(fields);
    }

    /** How many labels the model predicts (0 for regressors). */
    int labelCount() {
        return labels.size();
    }

    boolean predictsLabels() {
        return !labels.isEmpty();
    }

    Row row(long position, Predictions out, int r) {
        Object prediction = predictsLabels() ? labels.get(out.label[r]) : (Object) out.value[r];
        return decision ? RowFactory.create(position, prediction, out.decision[r])
                : RowFactory.create(position, prediction);
    }
}
