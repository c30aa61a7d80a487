package io.shape.adapters.local;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.util.List;
import java.util.Map;

/** Writes rows of doubles (one reused array per row) as required double columns. */
final class DoubleRowWriteSupport extends WriteSupport<double[]> {
    private final List<String> names;
    private RecordConsumer out;

    DoubleRowWriteSupport(List<String> names) {
        this.names = List.copyOf(names);
    }

    @Override
    @SuppressWarnings("deprecation") // abstract in WriteSupport; the ParquetConfiguration variant delegates here
    public WriteContext init(Configuration configuration) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (String name : names) {
            b.required(PrimitiveTypeName.DOUBLE).named(name);
        }
        MessageType schema = b.named("table");
        return new WriteContext(schema, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(double[] row) {
        out.startMessage();
        for (int c = 0; c < names.size(); c++) {
            out.startField(names.get(c), c);
            out.addDouble(row[c]);
            out.endField(names.get(c), c);
        }
        out.endMessage();
    }
}
