package io.shape.adapters.local;

import io.shape.domain.ShapeException;
import io.shape.domain.data.ColumnPlan;
import io.shape.domain.data.FeatureTypes;
import io.shape.domain.data.InputFiles;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A parquet file or folder of parquet files; every footer is checked when the table is opened. */
final class ParquetTable extends InputTable {
    private final long rows;

    ParquetTable(String location, List<Path> files, List<String> features) {
        this(location, InputFiles.of(files), features, ColumnPlan.numbers(features.size()));
    }

    ParquetTable(String location, InputFiles pinned, List<String> features, ColumnPlan plan) {
        super(location, pinned, features, plan);
        long total = 0;
        for (Path file : files()) {
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                ParquetMetadata footer = reader.getFooter();
                projection(location, file, footer.getFileMetaData().getSchema(), features, plan);
                total += reader.getRecordCount();
            } catch (IOException | RuntimeException e) {
                if (e instanceof ShapeException se) {
                    throw se;
                }
                throw ShapeException.invalidInput("cannot read " + file + " as parquet: " + e.getMessage()
                        + "; is it a parquet file? (CSV files must end in .csv)");
            }
        }
        this.rows = total;
    }

    @Override
    long knownRows() {
        return rows;
    }

    @Override
    RowReader newReader() {
        return new ParquetRowReader(location(), files(), features(), plan());
    }

    /**
     * The schema with only the feature columns read, in feature order (the plan's unused ones left out); refuses
     * missing, duplicated or mistyped ones: numbers must be numeric or boolean (dates and times are not: stored as
     * integers, they are not the numbers pandas gives scikit-learn), categories must be text.
     */
    static MessageType projection(String location, Path file, MessageType schema, List<String> features,
            ColumnPlan plan) {
        List<Type> fields = new ArrayList<>();
        for (int f = 0; f < features.size(); f++) {
            String name = features.get(f);
            if (plan.use(f) == ColumnPlan.Use.UNUSED) {
                continue;
            }
            // parquet-mr keeps one of two same-named fields by name; pyarrow refuses the table
            if (schema.getFields().stream().filter(t -> t.getName().equals(name)).count() > 1) {
                throw FeatureTypes.duplicated(name, location);
            }
            if (!schema.containsField(name)) {
                throw FeatureTypes.missing(List.of(name), file.toString(),
                        schema.getFields().stream().map(Type::getName).toList());
            }
            Type field = schema.getType(name);
            if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
                throw ShapeException.invalidInput("column '" + name + "' in " + file + " is " + describe(field)
                        + ", not a number; feature columns must be double, float, int32, int64 or boolean");
            }
            PrimitiveType p = field.asPrimitiveType();
            if (isDateOrTime(p)) {
                throw FeatureTypes.dateOrTime(name, location, describe(field));
            }
            if (plan.use(f) == ColumnPlan.Use.CATEGORIES) {
                if (!isText(p)) {
                    throw FeatureTypes.notText(name, file.toString(), describe(field), plan.codes(f));
                }
                fields.add(field);
                continue;
            }
            if (isText(p)) {
                throw FeatureTypes.text(name, file.toString(), describe(field));
            }
            // A decimal's value is its unscaled integer (INT32, INT64 or big-endian bytes) over 10^scale.
            boolean decimal = p.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
            boolean numeric = switch (p.getPrimitiveTypeName()) {
                case DOUBLE, FLOAT, BOOLEAN -> !decimal;
                case INT32, INT64 -> true;
                case BINARY, FIXED_LEN_BYTE_ARRAY -> decimal;
                default -> false;
            };
            if (!numeric) {
                throw ShapeException.invalidInput("column '" + name + "' in " + file + " has type " + describe(field)
                        + "; feature columns must be double, float, integers, decimals or booleans (cast it when "
                        + "writing the data)");
            }
            fields.add(field);
        }
        return new MessageType(schema.getName(), fields);
    }

    /**
     * Per feature, whether the table's first file has it as a text column (one a survey reads); a column it lacks
     * or holds otherwise is not, and opening the table says what is wrong with it.
     */
    static boolean[] textColumns(Path first, List<String> features) {
        boolean[] text = new boolean[features.size()];
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(first))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            for (int f = 0; f < text.length; f++) {
                String name = features.get(f);
                text[f] = schema.containsField(name) && schema.getType(name).isPrimitive()
                        && isText(schema.getType(name).asPrimitiveType());
            }
        } catch (IOException | RuntimeException e) {
            throw ShapeException.invalidInput("cannot read " + first + " as parquet: " + e.getMessage()
                    + "; is it a parquet file? (CSV files must end in .csv)");
        }
        return text;
    }

    /** A text column as pyarrow writes pandas' strings and categoricals: UTF-8 binary (a dictionary is an encoding). */
    static boolean isText(PrimitiveType p) {
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        return p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
                && (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation);
    }

    /** INT96 is the legacy timestamp; the logical types are those of parquet's INT32 and INT64 dates and times. */
    private static boolean isDateOrTime(PrimitiveType p) {
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        return p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT96
                || logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.IntervalLogicalTypeAnnotation;
    }

    private static String describe(Type field) {
        if (!field.isPrimitive()) {
            return "a nested group";
        }
        PrimitiveType p = field.asPrimitiveType();
        String type = p.getPrimitiveTypeName().name();
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        String repeated = field.isRepetition(Type.Repetition.REPEATED) ? "repeated " : "";
        return repeated + (logical == null ? type : type + " (" + logical + ")");
    }
}
