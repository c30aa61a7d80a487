package io.shape.adapters.spark;

import io.shape.domain.model.Model;
import io.shape.domain.model.OutputSchema;
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
 * double for regressors), {@code decision_function} (double) for models that have one value a row, and the
 * per-label doubles: {@code decision_function_<label>} when it is a matrix, {@code probability_<label>} for
 * models with {@code predict_proba}.
 */
final class PredictionColumns implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final ArrayList<Object> labels;
    private final DataType predictionType;
    private final boolean decision;
    private final ArrayList<String> perLabel;

    private PredictionColumns(ArrayList<Object> labels, DataType predictionType, boolean decision,
            ArrayList<String> perLabel) {
        this.labels = labels;
        this.predictionType = predictionType;
        this.decision = decision;
        this.perLabel = perLabel;
    }

    /** The domain's {@link OutputSchema} as Spark column types and the label values written. */
    static PredictionColumns of(Model model) {
        OutputSchema schema = OutputSchema.of(model);
        ArrayList<Object> labels = new ArrayList<>();
        DataType type = switch (schema.prediction()) {
            case INTEGER_LABEL -> {
                for (long l : schema.integerLabels()) {
                    labels.add(l);
                }
                yield DataTypes.LongType;
            }
            case TEXT_LABEL -> {
                labels.addAll(List.of(schema.labelTexts()));
                yield DataTypes.StringType;
            }
            case VALUE -> DataTypes.DoubleType;
        };
        return new PredictionColumns(labels, type, schema.decisionFunction(),
                new ArrayList<>(schema.labelColumns()));
    }

    StructType schema() {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(OutputSchema.ROW, DataTypes.LongType, false));
        fields.add(DataTypes.createStructField(OutputSchema.PREDICTION, predictionType, false));
        if (decision) {
            fields.add(DataTypes.createStructField(OutputSchema.DECISION_FUNCTION, DataTypes.DoubleType, false));
        }
        for (String column : perLabel) {
            fields.add(DataTypes.createStructField(column, DataTypes.DoubleType, false));
        }
        return DataTypes.createStructType(fields);
    }

    /** The output columns alone (no {@code row}), named as a Spark ML stage names them. */
    List<StructField> outputFields(OutputNames names) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(names.of(OutputSchema.PREDICTION), predictionType, false));
        if (decision) {
            fields.add(DataTypes.createStructField(names.of(OutputSchema.DECISION_FUNCTION), DataTypes.DoubleType, false));
        }
        for (String column : perLabel) {
            fields.add(DataTypes.createStructField(names.of(column), DataTypes.DoubleType, false));
        }
        return fields;
    }

    /** How many values {@link #outputs} writes. */
    int outputWidth() {
        return 1 + (decision ? 1 : 0) + perLabel.size();
    }

    /** Row {@code r}'s outputs, in {@link #outputFields} order, into {@code into} from {@code at}. */
    void outputs(Predictions out, int r, Object[] into, int at) {
        into[at++] = predictsLabels() ? labels.get(out.label[r]) : (Object) out.value[r];
        if (decision) {
            into[at++] = out.decision[r];
        }
        for (int k = 0; k < perLabel.size(); k++) {
            into[at++] = out.perLabel(k, r);
        }
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
        if (perLabel.isEmpty()) {
            return decision ? RowFactory.create(position, prediction, out.decision[r])
                    : RowFactory.create(position, prediction);
        }
        Object[] values = new Object[2 + (decision ? 1 : 0) + perLabel.size()];
        int at = 0;
        values[at++] = position;
        values[at++] = prediction;
        if (decision) {
            values[at++] = out.decision[r];
        }
        for (int k = 0; k < perLabel.size(); k++) {
            values[at++] = out.perLabel(k, r);
        }
        return RowFactory.create(values);
    }
}
