package io.shape.adapters.local;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

import java.io.IOException;
import java.nio.file.Path;

/** A predictions part file in parquet. */
final class ParquetPartWriter implements PartWriter {
    private final ParquetWriter<PredictionWriteSupport.Cursor> writer;
    private final PredictionWriteSupport.Cursor cursor = new PredictionWriteSupport.Cursor();

    ParquetPartWriter(Path file, PredictionColumns columns) throws IOException {
        this.writer = new Builder<>(new LocalOutputFile(file), new PredictionWriteSupport(columns))
                .withCompressionCodec(Compression.best())
                // Row numbers and decision values never repeat; labels do.
                .withDictionaryEncoding(false)
                .withDictionaryEncoding("prediction", true)
                .build();
    }

    @Override
    public void write(Batch batch, int from, int count) throws IOException {
        cursor.batch = batch;
        for (int i = from; i < from + count; i++) {
            cursor.index = i;
            writer.write(cursor);
        }
        cursor.batch = null;
    }

    @Override
    public void close() throws IOException {
        writer.close();
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
