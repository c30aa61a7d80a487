package io.shape.adapters.local;

import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.PrimitiveType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.Set;

/**
 * One DOUBLE column chunk of a flat schema with PLAIN values (what writers make of noisy doubles: sensor
 * tables, our generator), read a page at a time: the page's values are copied out of its bytes in one bulk
 * little-endian copy instead of one reader call per value, which is most of what reading costs otherwise.
 * Nulls (definition level below the maximum) become NaN. Other chunks go through parquet-mr's column reader.
 */
final class PlainDoubleColumn {
    /** PLAIN values; RLE and BIT_PACKED can only be the levels' encodings for a DOUBLE column. */
    private static final Set<Encoding> PLAIN_CHUNK = EnumSet.of(Encoding.PLAIN, Encoding.RLE, Encoding.BIT_PACKED);

    private final PageReader pages;
    private final ColumnDescriptor column;
    private final int maxDefinition;
    /** The current page's values, one per row. */
    private double[] values = new double[0];
    /** The current page's definition levels, when the column is optional. */
    private int[] defined = new int[0];
    private int size;
    private int next;

    PlainDoubleColumn(PageReader pages, ColumnDescriptor column) {
        this.pages = pages;
        this.column = column;
        this.maxDefinition = column.getMaxDefinitionLevel();
    }

    /** Whether a chunk can be read this way: DOUBLE, not repeated, PLAIN values, no dictionary. */
    static boolean fits(ColumnChunkMetaData chunk, ColumnDescriptor column) {
        return column.getPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.DOUBLE
                && column.getMaxRepetitionLevel() == 0
                && !chunk.hasDictionaryPage()
                && PLAIN_CHUNK.containsAll(chunk.getEncodings());
    }

    /** Copies the next {@code rows} values to {@code into[offset + k * stride]}. */
    void read(double[] into, int offset, int stride, int rows) throws IOException {
        int at = offset;
        int left = rows;
        while (left > 0) {
            if (next == size) {
                nextPage();
            }
            int take = Math.min(left, size - next);
            double[] v = values;
            for (int k = next, end = next + take; k < end; k++, at += stride) {
                into[at] = v[k];
            }
            next += take;
            left -= take;
        }
    }

    private void nextPage() throws IOException {
        DataPage page = pages.readPage();
        if (page == null) {
            throw new IOException("column " + String.join(".", column.getPath()) + " has fewer values than rows");
        }
        int count = page.getValueCount();
        if (values.length < count) {
            values = new double[count];
        }
        if (page instanceof DataPageV1 v1) {
            decodeV1(v1, count);
        } else {
            decodeV2((DataPageV2) page, count);
        }
        size = count;
        next = 0;
    }

    private void decodeV1(DataPageV1 page, int count) throws IOException {
        requirePlain(page.getValueEncoding());
        ByteBufferInputStream in = page.getBytes().toInputStream();
        if (maxDefinition == 0) {
            copyValues(in.slice(count * Double.BYTES), count);
            return;
        }
        ValuesReader levels = page.getDlEncoding().getValuesReader(column, ValuesType.DEFINITION_LEVEL);
        levels.initFromPage(count, in);
        spread(levels::readInteger, in, count);
    }

    private void decodeV2(DataPageV2 page, int count) throws IOException {
        requirePlain(page.getDataEncoding());
        ByteBufferInputStream data = page.getData().toInputStream();
        if (maxDefinition == 0 || page.getNullCount() == 0) {
            copyValues(data.slice(count * Double.BYTES), count);
            return;
        }
        RunLengthBitPackingHybridDecoder levels = new RunLengthBitPackingHybridDecoder(
                32 - Integer.numberOfLeadingZeros(maxDefinition), page.getDefinitionLevels().toInputStream());
        spread(levels::readInt, data, count);
    }

    /** A page's definition levels, one per value (v1 and v2 pages store them differently). */
    private interface Levels {
        int next() throws IOException;
    }

    private void copyValues(ByteBuffer bytes, int count) {
        bytes.order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values, 0, count);
    }

    /** Reads the levels, then places the values present at the defined rows, NaN elsewhere. */
    private void spread(Levels levels, ByteBufferInputStream in, int count) throws IOException {
        if (defined.length < count) {
            defined = new int[count];
        }
        int present = 0;
        for (int i = 0; i < count; i++) {
            defined[i] = levels.next();
            present += defined[i] == maxDefinition ? 1 : 0;
        }
        copyValues(in.slice(present * Double.BYTES), present);
        int src = present - 1;
        for (int i = count - 1; i >= 0; i--) {
            values[i] = defined[i] == maxDefinition ? values[src--] : Double.NaN;
        }
    }

    private void requirePlain(Encoding encoding) throws IOException {
        if (encoding != Encoding.PLAIN) {
            throw new IOException("column " + String.join(".", column.getPath()) + " has a " + encoding
                    + " page in a chunk whose metadata lists only PLAIN values");
        }
    }
}
