package io.shape.adapters.local;

import io.shape.domain.model.OutputSchema;
import io.shape.domain.model.Predictions;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A predictions part file in parquet, written straight into parquet-mr's column writers: a row is one
 * {@code write} call per column and an {@code endRecord}, without the record-assembly layer of {@code ParquetWriter}
 * (start/end of message and fields, per-row bookkeeping), which cost three times as much as the values
 * themselves. Row groups are cut at {@link #ROW_GROUP_BYTES} of buffered data, pages and dictionaries as
 * parquet-mr's defaults.
 */
final class ParquetPartWriter implements PartWriter {
    private static final long ROW_GROUP_BYTES = ParquetWriter.DEFAULT_BLOCK_SIZE;
    /** Rows between two looks at the buffered size (the look walks every column's buffers). */
    private static final int ROWS_PER_SIZE_CHECK = 10_000;

    private final PredictionColumns columns;
    private final MessageType schema;
    private final ParquetProperties properties;
    private final CodecFactory codecs;
    private final CompressionCodecFactory.BytesInputCompressor compressor;
    private final ParquetFileWriter file;
    private final Binary[] labelBinaries;
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private ColumnWriter row;
    private ColumnWriter prediction;
    private ColumnWriter decision;
    private ColumnWriter[] perLabel;
    private long rowsInGroup;
    private int rowsToSizeCheck = ROWS_PER_SIZE_CHECK;

    ParquetPartWriter(Path path, PredictionColumns columns) throws IOException {
        this.columns = columns;
        this.schema = schema(columns);
        // Row numbers and decision values never repeat; labels do.
        this.properties = ParquetProperties.builder().withDictionaryEncoding(false)
                .withDictionaryEncoding(OutputSchema.PREDICTION, true).build();
        this.codecs = new CodecFactory(new Configuration(false), properties.getPageSizeThreshold());
        this.compressor = codecs.getCompressor(Compression.best());
        this.labelBinaries = new Binary[columns.labelCount()];
        for (int i = 0; i < labelBinaries.length; i++) {
            labelBinaries[i] = Binary.fromConstantByteArray(
                    columns.stringLabels()[i].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        ParquetFileWriter opened = null;
        try {
            opened = new ParquetFileWriter(new LocalOutputFile(path), schema, ParquetFileWriter.Mode.CREATE,
                    ROW_GROUP_BYTES, ParquetWriter.MAX_PADDING_SIZE_DEFAULT, null, properties);
            opened.start();
        } catch (IOException | RuntimeException e) {
            try {
                if (opened != null) {
                    opened.close();
                }
            } finally {
                codecs.release();
            }
            throw e;
        }
        this.file = opened;
        startGroup();
    }

    /**
     * The parquet schema of the predictions: row, prediction, decision_function when the model has one, the
     * per-label doubles (decision_function_<label>, probability_<label>) when it has them.
     */
    static MessageType schema(PredictionColumns columns) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        b.required(PrimitiveTypeName.INT64).named(OutputSchema.ROW);
        switch (columns.type()) {
            case LONG_LABEL -> b.required(PrimitiveTypeName.INT64).named(OutputSchema.PREDICTION);
            case STRING_LABEL -> b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                    .named(OutputSchema.PREDICTION);
            case VALUE -> b.required(PrimitiveTypeName.DOUBLE).named(OutputSchema.PREDICTION);
            default -> throw new IllegalStateException(columns.type().name());
        }
        if (columns.decision()) {
            b.required(PrimitiveTypeName.DOUBLE).named(OutputSchema.DECISION_FUNCTION);
        }
        for (String column : columns.perLabel()) {
            b.required(PrimitiveTypeName.DOUBLE).named(column);
        }
        return b.named("predictions");
    }

    private void startGroup() {
        pages = new ColumnChunkPageWriteStore(compressor, schema, properties.getAllocator(),
                properties.getColumnIndexTruncateLength(), properties.getPageWriteChecksumEnabled());
        store = properties.newColumnWriteStore(schema, pages);
        List<ColumnDescriptor> descriptors = schema.getColumns();
        row = store.getColumnWriter(descriptors.get(0));
        prediction = store.getColumnWriter(descriptors.get(1));
        decision = columns.decision() ? store.getColumnWriter(descriptors.get(2)) : null;
        int first = columns.decision() ? 3 : 2;
        perLabel = new ColumnWriter[columns.perLabel().size()];
        for (int k = 0; k < perLabel.length; k++) {
            perLabel[k] = store.getColumnWriter(descriptors.get(first + k));
        }
        rowsInGroup = 0;
    }

    @Override
    public void write(Batch batch, int from, int count) throws IOException {
        Predictions p = batch.predictions;
        long[] longLabels = columns.longLabels();
        for (int i = from; i < from + count; i++) {
            row.write(batch.firstRow + i, 0, 0);
            switch (columns.type()) {
                case LONG_LABEL -> prediction.write(longLabels[p.label[i]], 0, 0);
                case STRING_LABEL -> prediction.write(labelBinaries[p.label[i]], 0, 0);
                case VALUE -> prediction.write(p.value[i], 0, 0);
                default -> throw new IllegalStateException(columns.type().name());
            }
            if (decision != null) {
                decision.write(p.decision[i], 0, 0);
            }
            for (int k = 0; k < perLabel.length; k++) {
                perLabel[k].write(p.perLabel(k, i), 0, 0);
            }
            store.endRecord();
            rowsInGroup++;
            if (--rowsToSizeCheck == 0) {
                rowsToSizeCheck = ROWS_PER_SIZE_CHECK;
                if (store.getBufferedSize() >= ROW_GROUP_BYTES) {
                    endGroup();
                    startGroup();
                }
            }
        }
    }

    /** Writes the buffered rows as one row group. */
    private void endGroup() throws IOException {
        if (rowsInGroup > 0) {
            file.startBlock(rowsInGroup);
            store.flush();
            pages.flushToFileWriter(file);
            file.endBlock();
        }
        store.close();
        pages.close();
    }

    @Override
    public void close() throws IOException {
        try {
            endGroup();
            file.end(Map.of("writer", "shape local engine"));
        } finally {
            release();
        }
    }

    /** Closes the file as it is, without writing the buffered rows or a footer: it is being thrown away. */
    @Override
    public void abort() throws IOException {
        try {
            store.close();
            pages.close();
        } finally {
            release();
        }
    }

    /** Closes the output (a second close is harmless: {@code end} closes it too) and frees the codecs. */
    private void release() throws IOException {
        try {
            file.close();
        } finally {
            codecs.release();
        }
    }

    /** Parquet's builder wants a subclass to supply the write support. */
    static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
        private final WriteSupport<T> support;

        Builder(OutputFile file, WriteSupport<T> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder<T> self() {
            return this;
        }

        @Override
        @SuppressWarnings("deprecation") // abstract in ParquetWriter.Builder
        protected WriteSupport<T> getWriteSupport(Configuration conf) {
            return support;
        }
    }
}
