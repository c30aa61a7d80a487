package io.shape.adapters.local;

import io.shape.domain.ShapeException;
import io.shape.domain.data.CategoryCodes;
import io.shape.domain.data.ColumnPlan;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads feature columns from parquet files in order with the column API: values are decoded straight
 * into the caller's row-major buffer, with no object per row. Nulls become NaN; unsigned integers (parquet's
 * UINT_8 to UINT_64) are read as their unsigned values, as pandas widens them; booleans as 0 and 1. Text columns an
 * encoder reads become their {@link CategoryCodes}; columns the pipeline never reads are not decoded (NaN).
 */
final class ParquetRowReader implements RowReader {
    private enum Kind { DOUBLE, FLOAT, INT32, INT64, UINT32, UINT64, BOOLEAN, DECIMAL, TEXT, UNUSED }

    private final String location;
    private final List<Path> files;
    private final List<String> features;
    private final ColumnPlan plan;
    private final int width;
    /** Per feature, its column in the projection; -1 for an unused one. */
    private final int[] slot;
    /** Per text feature, the codes of the texts met (a dictionary page's values repeat). */
    private final TextCellCodes[] seen;
    /** Per text feature of the current file, whether a null is None (else NaN; see CategoryCodes#nullOf). */
    private final boolean[] nullIsNone;
    /** Rows returned before the current batch, across files: the position of its first row. */
    private long position;
    private final Kind[] kinds;
    private final int[] maxDefinition;
    /** Per decimal column, its scale and how it is stored (INT32, INT64 or bytes). */
    private final int[] scale;
    private final PrimitiveType.PrimitiveTypeName[] stored;
    private final ColumnReader[] columns;
    /** Per column of the current row group: its bulk reader when it has one, else null (see {@link #columns}). */
    private final PlainDoubleColumn[] plain;
    private int rowGroup;

    private int nextFile;
    private ParquetFileReader file;
    private Path filePath;
    private MessageType projection;
    private String createdBy;
    private long rowsLeftInGroup;

    ParquetRowReader(String location, List<Path> files, List<String> features, ColumnPlan plan) {
        this.location = location;
        this.files = files;
        this.features = features;
        this.plan = plan;
        this.width = features.size();
        this.slot = new int[width];
        int read = 0;
        for (int c = 0; c < width; c++) {
            slot[c] = plan.use(c) == ColumnPlan.Use.UNUSED ? -1 : read++;
        }
        this.seen = new TextCellCodes[width];
        this.nullIsNone = new boolean[width];
        this.kinds = new Kind[width];
        this.maxDefinition = new int[width];
        this.scale = new int[width];
        this.stored = new PrimitiveType.PrimitiveTypeName[width];
        this.columns = new ColumnReader[width];
        this.plain = new PlainDoubleColumn[width];
    }

    @Override
    public int read(double[] into, int maxRows) {
        int n = 0;
        try {
            while (n < maxRows) {
                if (rowsLeftInGroup == 0) {
                    if (!nextRowGroup()) {
                        break;
                    }
                    continue;
                }
                int take = (int) Math.min(maxRows - n, rowsLeftInGroup);
                for (int c = 0; c < width; c++) {
                    decode(c, into, n, take);
                }
                n += take;
                rowsLeftInGroup -= take;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + filePath + ": " + e.getMessage(), e);
        }
        position += n;
        return n;
    }

    /** One column of {@code rows} rows; the type switch is outside the loop so each loop stays tight. */
    private void decode(int c, double[] into, int firstRow, int rows) throws IOException {
        if (plain[c] != null) {
            plain[c].read(into, firstRow * width + c, width, rows);
            return;
        }
        ColumnReader r = columns[c];
        int def = maxDefinition[c];
        int at = firstRow * width + c;
        switch (kinds[c]) {
            case UNUSED -> {
                for (int i = 0; i < rows; i++, at += width) {
                    into[at] = Double.NaN;
                }
            }
            case DECIMAL -> {
                for (int i = 0; i < rows; i++, at += width) {
                    double v = r.getCurrentDefinitionLevel() == def ? decimal(r, stored[c], scale[c]) : Double.NaN;
                    r.consume();
                    into[at] = v;
                }
            }
            case BOOLEAN -> {
                for (int i = 0; i < rows; i++, at += width) {
                    double v = r.getCurrentDefinitionLevel() == def ? (r.getBoolean() ? 1.0 : 0.0) : Double.NaN;
                    r.consume();
                    into[at] = v;
                }
            }
            case TEXT -> {
                CategoryCodes codes = plan.codes(c);
                String name = features.get(c);
                for (int i = 0; i < rows; i++, at += width) {
                    long row = position + firstRow + i;
                    double v;
                    if (r.getCurrentDefinitionLevel() == def) {
                        Binary text = r.getBinary();
                        Double known = seen[c].get(text);
                        if (known == null) {
                            known = codes.code(text.toStringUsingUTF8(), name, location, row);
                            seen[c].put(text, known);
                        }
                        v = known;
                    } else {
                        v = codes.missing(nullIsNone[c], name, location, row);
                    }
                    r.consume();
                    into[at] = v;
                }
            }
            case DOUBLE -> {
                for (int i = 0; i < rows; i++, at += width) {
                    double v = r.getCurrentDefinitionLevel() == def ? r.getDouble() : Double.NaN;
                    r.consume();
                    into[at] = v;
                }
            }
            case FLOAT -> {
                for (int i = 0; i < rows; i++, at += width) {
                    double v = r.getCurrentDefinitionLevel() == def ? r.getFloat() : Double.NaN;
                    r.consume();
                    into[at] = v;
                }
            }
            case INT32 -> {
                for (int i = 0; i < rows; i++, at += width) {
                    double v = r.getCurrentDefinitionLevel() == def ? r.getInteger() : Double.NaN;
                    r.consume();
                    into[at] = v;
                }
            }
            case INT64 -> {
                for (int i = 0; i < rows; i++, at += width) {
                    double v = r.getCurrentDefinitionLevel() == def ? (double) r.getLong() : Double.NaN;
                    r.consume();
                    into[at] = v;
                }
            }
            case UINT32 -> {
                for (int i = 0; i < rows; i++, at += width) {
                    double v = r.getCurrentDefinitionLevel() == def ? r.getInteger() & 0xFFFF_FFFFL : Double.NaN;
                    r.consume();
                    into[at] = v;
                }
            }
            case UINT64 -> {
                for (int i = 0; i < rows; i++, at += width) {
                    double v = r.getCurrentDefinitionLevel() == def ? unsignedToDouble(r.getLong()) : Double.NaN;
                    r.consume();
                    into[at] = v;
                }
            }
            default -> throw new IllegalStateException(kinds[c].name());
        }
    }

    /**
     * A decimal as the nearest double, as Python's {@code float(Decimal)} gives it (pandas reads a parquet
     * decimal as Decimal objects, which check_array converts so): BigDecimal's conversion is correctly rounded.
     */
    private static double decimal(ColumnReader r, PrimitiveType.PrimitiveTypeName stored, int scale) {
        java.math.BigDecimal value = switch (stored) {
            case INT32 -> java.math.BigDecimal.valueOf(r.getInteger(), scale);
            case INT64 -> java.math.BigDecimal.valueOf(r.getLong(), scale);
            default -> new java.math.BigDecimal(new java.math.BigInteger(r.getBinary().getBytes()), scale);
        };
        return value.doubleValue();
    }

    /**
     * An unsigned 64-bit value as the nearest double (ties to even), as numpy's astype(float64) gives it. Above
     * 2^63 the value is halved first, its lowest bit kept as a sticky bit so that the 63-bit half rounds the way
     * the whole value would; doubling it back is exact.
     */
    static double unsignedToDouble(long v) {
        return v >= 0 ? (double) v : (double) ((v >>> 1) | (v & 1)) * 2.0;
    }

    private boolean nextRowGroup() throws IOException {
        while (true) {
            while (file != null && rowGroup < file.getRowGroups().size()
                    && file.getRowGroups().get(rowGroup).getRowCount() == 0) {
                rowGroup++;
            }
            if (file != null) {
                // by index, so the chunk metadata is the group's (readNextRowGroup skips empty groups itself)
                PageReadStore group = rowGroup < file.getRowGroups().size() ? file.readRowGroup(rowGroup) : null;
                if (group != null) {
                    ColumnReadStoreImpl store = new ColumnReadStoreImpl(group, IGNORED, projection, createdBy);
                    List<ColumnDescriptor> descriptors = projection.getColumns();
                    List<ColumnChunkMetaData> chunks = file.getRowGroups().get(rowGroup++).getColumns();
                    for (int c = 0; c < width; c++) {
                        if (slot[c] < 0) {
                            plain[c] = null;
                            columns[c] = null;
                            continue;
                        }
                        ColumnDescriptor d = descriptors.get(slot[c]);
                        ColumnChunkMetaData chunk = chunkOf(chunks, d);
                        boolean bulk = chunk != null && kinds[c] == Kind.DOUBLE && PlainDoubleColumn.fits(chunk, d);
                        plain[c] = bulk ? new PlainDoubleColumn(group.getPageReader(d), d) : null;
                        columns[c] = bulk ? null : store.getColumnReader(d);
                    }
                    rowsLeftInGroup = group.getRowCount();
                    return true;
                }
                file.close();
                file = null;
            }
            if (nextFile == files.size()) {
                return false;
            }
            openFile(files.get(nextFile++));
        }
    }

    private static ColumnChunkMetaData chunkOf(List<ColumnChunkMetaData> chunks, ColumnDescriptor column) {
        for (ColumnChunkMetaData chunk : chunks) {
            if (java.util.Arrays.equals(chunk.getPath().toArray(), column.getPath())) {
                return chunk;
            }
        }
        return null;
    }

    private void openFile(Path path) throws IOException {
        filePath = path;
        rowGroup = 0;
        file = ParquetFileReader.open(new LocalInputFile(path));
        MessageType schema = file.getFooter().getFileMetaData().getSchema();
        projection = ParquetTable.projection(location, path, schema, features, plan);
        createdBy = file.getFooter().getFileMetaData().getCreatedBy();
        file.setRequestedSchema(projection);
        List<ColumnDescriptor> descriptors = projection.getColumns();
        Map<String, String> pandasTypes = PandasMetadata.columnTypes(
                file.getFooter().getFileMetaData().getKeyValueMetaData().get("pandas"));
        for (int c = 0; c < width; c++) {
            if (slot[c] < 0) {
                kinds[c] = Kind.UNUSED;
                continue;
            }
            if (plan.use(c) == ColumnPlan.Use.CATEGORIES) {
                kinds[c] = Kind.TEXT;
                maxDefinition[c] = descriptors.get(slot[c]).getMaxDefinitionLevel();
                seen[c] = new TextCellCodes();
                nullIsNone[c] = CategoryCodes.nullOf(Optional.ofNullable(pandasTypes.get(features.get(c))));
                continue;
            }
            ColumnDescriptor d = descriptors.get(slot[c]);
            maxDefinition[c] = d.getMaxDefinitionLevel();
            boolean unsigned = d.getPrimitiveType().getLogicalTypeAnnotation()
                    instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation integer && !integer.isSigned();
            if (d.getPrimitiveType().getLogicalTypeAnnotation()
                    instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
                kinds[c] = Kind.DECIMAL;
                scale[c] = decimal.getScale();
                stored[c] = d.getPrimitiveType().getPrimitiveTypeName();
                continue;
            }
            kinds[c] = switch (d.getPrimitiveType().getPrimitiveTypeName()) {
                case DOUBLE -> Kind.DOUBLE;
                case FLOAT -> Kind.FLOAT;
                case INT32 -> unsigned ? Kind.UINT32 : Kind.INT32;
                case INT64 -> unsigned ? Kind.UINT64 : Kind.INT64;
                case BOOLEAN -> Kind.BOOLEAN;
                default -> throw ShapeException.invalidInput("column '" + features.get(c) + "' in " + path
                        + " is not numeric");
            };
        }
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // Closing a file we only read: nothing is lost if it fails.
            }
            file = null;
        }
    }

    /** The column readers want a record converter; values are taken with getDouble() etc., so it is never fed. */
    static final GroupConverter IGNORED = new GroupConverter() {
        private final PrimitiveConverter primitive = new PrimitiveConverter() {
            @Override
            public void addBinary(Binary value) {
            }
        };

        @Override
        public Converter getConverter(int fieldIndex) {
            return primitive;
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    };
}
