package io.shape.adapters.local;

import io.shape.domain.model.OutputSchema;
import io.shape.domain.ShapeException;
import io.shape.domain.port.PredictionBatch;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A parquet predictions part, of the local engine (required columns) or Spark (optional columns, which
 * Spark makes of every column it writes), read with the column API: no object per row.
 */
final class ParquetPredictionPart implements PredictionPart {
    private final Path path;
    private final LabelIndex labels;
    private final boolean decision;
    private final ParquetFileReader file;
    private final MessageType projection;
    private final String createdBy;
    private final int[] maxDefinition;
    private ColumnReader row;
    private ColumnReader prediction;
    private ColumnReader decisionValue;
    private long rowsLeftInGroup;

    ParquetPredictionPart(Path path, LabelIndex labels, boolean decision) throws IOException {
        this.path = path;
        this.labels = labels;
        this.decision = decision;
        this.file = ParquetFileReader.open(new LocalInputFile(path));
        try {
            MessageType schema = file.getFooter().getFileMetaData().getSchema();
            List<Type> fields = new ArrayList<>();
            fields.add(column(schema, OutputSchema.ROW, PrimitiveTypeName.INT64));
            fields.add(column(schema, OutputSchema.PREDICTION, switch (labels.type()) {
                case LONG_LABEL -> PrimitiveTypeName.INT64;
                case STRING_LABEL -> PrimitiveTypeName.BINARY;
                case VALUE -> PrimitiveTypeName.DOUBLE;
            }));
            if (decision) {
                fields.add(column(schema, OutputSchema.DECISION_FUNCTION, PrimitiveTypeName.DOUBLE));
            }
            this.projection = new MessageType(schema.getName(), fields);
            this.createdBy = file.getFooter().getFileMetaData().getCreatedBy();
            file.setRequestedSchema(projection);
            this.maxDefinition = projection.getColumns().stream()
                    .mapToInt(ColumnDescriptor::getMaxDefinitionLevel).toArray();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private Type column(MessageType schema, String name, PrimitiveTypeName expected) {
        if (!schema.containsField(name)) {
            throw ShapeException.invalidInput("predictions file " + path + " has no column '" + name
                    + "' (its schema: " + schema + "); was it written for another model?");
        }
        Type field = schema.getType(name);
        if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)
                || field.asPrimitiveType().getPrimitiveTypeName() != expected) {
            throw ShapeException.invalidInput("column '" + name + "' of predictions file " + path + " is "
                    + field + " but this model's predictions need " + expected.name().toLowerCase(java.util.Locale.ROOT)
                    + "; was it written for another model?");
        }
        return field;
    }

    @Override
    public int read(PredictionBatch batch, int at, int max) throws IOException {
        while (rowsLeftInGroup == 0) {
            PageReadStore group = file.readNextRowGroup();
            if (group == null) {
                return 0;
            }
            ColumnReadStoreImpl store = new ColumnReadStoreImpl(group, ParquetRowReader.IGNORED, projection,
                    createdBy);
            List<ColumnDescriptor> columns = projection.getColumns();
            row = store.getColumnReader(columns.get(0));
            prediction = store.getColumnReader(columns.get(1));
            decisionValue = decision ? store.getColumnReader(columns.get(2)) : null;
            rowsLeftInGroup = group.getRowCount();
        }
        int n = (int) Math.min(max, rowsLeftInGroup);
        for (int i = at; i < at + n; i++) {
            present(row, 0, OutputSchema.ROW);
            batch.row[i] = row.getLong();
            row.consume();
        }
        decodePredictions(batch, at, n);
        if (decision) {
            for (int i = at; i < at + n; i++) {
                present(decisionValue, 2, OutputSchema.DECISION_FUNCTION);
                batch.decision[i] = decisionValue.getDouble();
                decisionValue.consume();
            }
        }
        rowsLeftInGroup -= n;
        return n;
    }

    private void decodePredictions(PredictionBatch batch, int at, int n) {
        switch (labels.type()) {
            case LONG_LABEL -> {
                for (int i = at; i < at + n; i++) {
                    present(prediction, 1, OutputSchema.PREDICTION);
                    long value = prediction.getLong();
                    batch.label[i] = known(labels.ofLong(value), value, batch.row[i]);
                    prediction.consume();
                }
            }
            case STRING_LABEL -> {
                for (int i = at; i < at + n; i++) {
                    present(prediction, 1, OutputSchema.PREDICTION);
                    var value = prediction.getBinary();
                    batch.label[i] = known(labels.ofBinary(value), value.toStringUsingUTF8(), batch.row[i]);
                    prediction.consume();
                }
            }
            case VALUE -> {
                for (int i = at; i < at + n; i++) {
                    present(prediction, 1, OutputSchema.PREDICTION);
                    batch.value[i] = prediction.getDouble();
                    prediction.consume();
                }
            }
            default -> throw new IllegalStateException(labels.type().name());
        }
    }

    private void present(ColumnReader column, int index, String name) {
        if (column.getCurrentDefinitionLevel() != maxDefinition[index]) {
            throw ShapeException.invalidInput("predictions file " + path + " has an empty (null) '" + name
                    + "' value; shape never writes nulls there, so the file is damaged or not shape's");
        }
    }

    private int known(int index, Object value, long row) {
        if (index < 0) {
            throw ShapeException.invalidInput("predictions file " + path + " row " + row + " has prediction '"
                    + value + "', which is not one of the model's labels " + labels.texts()
                    + "; was it written for another model?");
        }
        return index;
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            // Closing a file we only read: nothing is lost if it fails.
        }
    }
}
