package io.shape.adapters.local;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.util.Map;

/**
 * Writes one scored row straight from the batch arrays through the RecordConsumer: the "record" is a
 * reusable cursor, so no object is made per row.
 */
final class PredictionWriteSupport extends WriteSupport<PredictionWriteSupport.Cursor> {
    /** Points at the row to write. */
    static final class Cursor {
        Batch batch;
        int index;
    }

    private final PredictionColumns columns;
    private final Binary[] labelBinaries;
    private RecordConsumer out;

    PredictionWriteSupport(PredictionColumns columns) {
        this.columns = columns;
        this.labelBinaries = new Binary[columns.labelCount()];
        for (int i = 0; i < labelBinaries.length; i++) {
            labelBinaries[i] = Binary.fromConstantByteArray(
                    columns.stringLabels()[i].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    static MessageType schema(PredictionColumns columns) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        b.required(PrimitiveTypeName.INT64).named("row");
        switch (columns.type()) {
            case LONG_LABEL -> b.required(PrimitiveTypeName.INT64).named("prediction");
            case STRING_LABEL -> b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                    .named("prediction");
            case VALUE -> b.required(PrimitiveTypeName.DOUBLE).named("prediction");
            default -> throw new IllegalStateException(columns.type().name());
        }
        if (columns.decision()) {
            b.required(PrimitiveTypeName.DOUBLE).named("decision_function");
        }
        return b.named("predictions");
    }

    @Override
    @SuppressWarnings("deprecation") // abstract in WriteSupport; the ParquetConfiguration variant delegates here
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema(columns), Map.of("writer", "shape local engine"));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(Cursor c) {
        Batch b = c.batch;
        int i = c.index;
        out.startMessage();
        out.startField("row", 0);
        out.addLong(b.firstRow + i);
        out.endField("row", 0);
        out.startField("prediction", 1);
        switch (columns.type()) {
            case LONG_LABEL -> out.addLong(columns.longLabels()[b.predictions.label[i]]);
            case STRING_LABEL -> out.addBinary(labelBinaries[b.predictions.label[i]]);
            case VALUE -> out.addDouble(b.predictions.value[i]);
            default -> throw new IllegalStateException(columns.type().name());
        }
        out.endField("prediction", 1);
        if (columns.decision()) {
            out.startField("decision_function", 2);
            out.addDouble(b.predictions.decision[i]);
            out.endField("decision_function", 2);
        }
        out.endMessage();
    }
}
