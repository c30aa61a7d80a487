package io.shape.adapters.local;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Writes test inputs and reads predictions back (test code: clarity over speed). */
final class TestTables {
    private TestTables() {
    }

    /** Writes rows (null = missing) of a schema given in parquet's text form; small row groups. */
    static void writeParquet(Path file, String schema, List<Object[]> rows) throws IOException {
        writeParquet(file, schema, rows, true, ParquetProperties.WriterVersion.PARQUET_1_0, 4096L, 1024);
    }

    /** {@link #writeParquet(Path, String, List)} with the writer's layout choices given. */
    static void writeParquet(Path file, String schema, List<Object[]> rows, boolean dictionary,
                             ParquetProperties.WriterVersion version, long rowGroupBytes, int pageBytes)
            throws IOException {
        MessageType type = MessageTypeParser.parseMessageType(schema);
        try (ParquetWriter<Object[]> w = new ParquetPartWriter.Builder<>(new LocalOutputFile(file),
                new ObjectRowSupport(type)).withRowGroupSize(rowGroupBytes).withPageSize(pageBytes)
                .withDictionaryEncoding(dictionary).withWriterVersion(version).build()) {
            for (Object[] row : rows) {
                w.write(row);
            }
        }
    }

    /** Writes double columns named {@code names}. */
    static void writeDoubles(Path file, List<String> names, double[][] rows) throws IOException {
        StringBuilder schema = new StringBuilder("message t {");
        for (String n : names) {
            schema.append(" required double ").append(n).append(';');
        }
        List<Object[]> objects = new ArrayList<>();
        for (double[] r : rows) {
            Object[] o = new Object[r.length];
            for (int i = 0; i < r.length; i++) {
                o[i] = r[i];
            }
            objects.add(o);
        }
        writeParquet(file, schema.append(" }").toString(), objects);
    }

    static void writeCsv(Path file, List<String> names, double[][] rows) throws IOException {
        StringBuilder out = new StringBuilder(String.join(",", names)).append('\n');
        for (double[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                out.append(i == 0 ? "" : ",").append(Double.isNaN(r[i]) ? "" : Double.toString(r[i]));
            }
            out.append('\n');
        }
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    /** Deterministic pseudo-random rows. */
    static double[][] randomRows(int rows, int width, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double[][] out = new double[rows][width];
        for (double[] r : out) {
            for (int i = 0; i < width; i++) {
                r[i] = random.nextDouble(-10, 10);
            }
        }
        return out;
    }

    /** One predictions row as read back. */
    record Prediction(long row, Object prediction, double decision) {
    }

    /** Every part file of a predictions folder, in name order. */
    static List<Prediction> readPredictions(Path folder) throws IOException {
        List<Path> parts;
        try (Stream<Path> s = Files.list(folder)) {
            parts = s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
        List<Prediction> out = new ArrayList<>();
        for (Path part : parts) {
            if (part.toString().endsWith(".csv")) {
                List<String> lines = Files.readAllLines(part);
                boolean decision = lines.get(0).endsWith("decision_function");
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.split(",");
                    out.add(new Prediction(Long.parseLong(f[0]), f[1], decision ? Double.parseDouble(f[2]) : Double.NaN));
                }
            } else {
                try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                        new org.apache.hadoop.fs.Path(part.toUri())).build()) {
                    for (Group g = reader.read(); g != null; g = reader.read()) {
                        Type p = g.getType().getType("prediction");
                        Object prediction = switch (p.asPrimitiveType().getPrimitiveTypeName()) {
                            case INT64 -> g.getLong("prediction", 0);
                            case DOUBLE -> g.getDouble("prediction", 0);
                            default -> g.getString("prediction", 0);
                        };
                        double d = g.getType().containsField("decision_function")
                                ? g.getDouble("decision_function", 0) : Double.NaN;
                        out.add(new Prediction(g.getLong("row", 0), prediction, d));
                    }
                }
            }
        }
        return out;
    }

    static MessageType schemaOf(Path parquet) throws IOException {
        try (var r = org.apache.parquet.hadoop.ParquetFileReader.open(new LocalInputFile(parquet))) {
            return r.getFooter().getFileMetaData().getSchema();
        }
    }

    /** Writes Object[] rows: Double, Float, Integer, Long, String or null per column. */
    private static final class ObjectRowSupport extends WriteSupport<Object[]> {
        private final MessageType schema;
        private RecordConsumer out;

        ObjectRowSupport(MessageType schema) {
            this.schema = schema;
        }

        @Override
        @SuppressWarnings("deprecation") // abstract in WriteSupport
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            out = recordConsumer;
        }

        @Override
        public void write(Object[] row) {
            out.startMessage();
            for (int c = 0; c < row.length; c++) {
                Object v = row[c];
                if (v == null) {
                    continue;
                }
                String name = schema.getFieldName(c);
                out.startField(name, c);
                if (v instanceof Double d) {
                    out.addDouble(d);
                } else if (v instanceof Float f) {
                    out.addFloat(f);
                } else if (v instanceof Integer i) {
                    out.addInteger(i);
                } else if (v instanceof Long l) {
                    out.addLong(l);
                } else if (v instanceof Boolean b) {
                    out.addBoolean(b);
                } else if (v instanceof byte[] bytes) {
                    out.addBinary(Binary.fromConstantByteArray(bytes));
                } else {
                    out.addBinary(Binary.fromString(v.toString()));
                }
                out.endField(name, c);
            }
            out.endMessage();
        }
    }
}
