package io.shape.adapters.local;

import io.shape.domain.testing.WeightedSumModel;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.data.DataFormat;
import io.shape.domain.model.Model;
import io.shape.domain.model.Predictions;
import io.shape.domain.port.PredictionBatch;
import io.shape.domain.port.PredictionsReader.OpenPredictions;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading predictions folders of both engines back as label indexes, in row order, batch by batch. */
class PredictionPartsReaderTest {
    private static final Model DETECTOR = WeightedSumModel.detector(new double[] {1}, 0);
    private static final Model CLASSIFIER = WeightedSumModel.classifier(new double[] {1}, 0,
            List.of("cat", "dog, \"big\""));
    private static final Model REGRESSOR = WeightedSumModel.regressor(new double[] {1}, 0);

    @TempDir
    Path dir;

    private final PredictionPartsReader reader = new PredictionPartsReader();

    @Test
    void readsTheLocalEnginesParquetPartsBackBitForBit() throws IOException {
        Expected written = writeLocal(DETECTOR, DataFormat.PARQUET, 2_345, 300);

        Read read = readAll(DETECTOR, 128);

        assertEquals(List.of("-1", "1"), read.labels);
        assertTrue(read.hasDecision);
        written.assertSameAs(read, true, false);
    }

    @Test
    void readsTheLocalEnginesCsvPartsWithQuotedStringLabels() throws IOException {
        Expected written = writeLocal(CLASSIFIER, DataFormat.CSV, 1_001, 250);

        Read read = readAll(CLASSIFIER, 1000);

        assertEquals(List.of("cat", "dog, \"big\""), read.labels);
        written.assertSameAs(read, true, false);
    }

    @Test
    void readsRegressorValuesWithoutDecisionColumn() throws IOException {
        Expected written = writeLocal(REGRESSOR, DataFormat.PARQUET, 777, 500);

        Read read = readAll(REGRESSOR, 100);

        assertEquals(List.of(), read.labels);
        assertFalse(read.hasDecision);
        written.assertSameAs(read, false, true);
    }

    @Test
    void readsSparkStyleSnappyPartsWithOptionalColumnsInPartNumberOrder() throws IOException {
        Random random = new Random(7);
        Expected expected = new Expected();
        int[] partRows = {400, 0, 333, 1};
        String uuid = UUID.randomUUID().toString();
        // Written last part first: the order must come from the part numbers, not from the file system.
        long first = 0;
        List<Runnable> writes = new ArrayList<>();
        for (int p = 0; p < partRows.length; p++) {
            List<long[]> rows = new ArrayList<>();
            List<Double> decisions = new ArrayList<>();
            for (int r = 0; r < partRows[p]; r++) {
                double d = random.nextGaussian();
                long row = first + r;
                rows.add(new long[] {row, d > 0 ? 1 : -1});
                decisions.add(d);
                expected.add(row, d > 0 ? 1 : 0, Double.NaN, d);
            }
            first += partRows[p];
            Path file = dir.resolve(String.format("part-%05d-%s-c000.snappy.parquet", p, uuid));
            writes.add(() -> writeSparkPart(file, rows, decisions));
            Files.writeString(dir.resolve("." + file.getFileName() + ".crc"), "checksum");
        }
        for (int p = writes.size() - 1; p >= 0; p--) {
            writes.get(p).run();
        }
        Files.createFile(dir.resolve("_SUCCESS"));
        Files.createFile(dir.resolve("._SUCCESS.crc"));

        Read read = readAll(DETECTOR, 64);

        expected.assertSameAs(read, true, false);
    }

    @Test
    void readsSparkStyleStringLabels() throws IOException {
        MessageType schema = Types.buildMessage()
                .optional(PrimitiveTypeName.INT64).named("row")
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("prediction")
                .optional(PrimitiveTypeName.DOUBLE).named("decision_function")
                .named("spark_schema");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = sparkWriter(dir.resolve("part-00000-x-c000.snappy.parquet"), schema)) {
            w.write(groups.newGroup().append("row", 0L).append("prediction", "dog, \"big\"")
                    .append("decision_function", 0.5));
            w.write(groups.newGroup().append("row", 1L).append("prediction", "cat")
                    .append("decision_function", -0.5));
        }
        Files.createFile(dir.resolve("_SUCCESS"));

        Read read = readAll(CLASSIFIER, 10);

        assertEquals(List.of(0L, 1L), read.rows);
        assertEquals(List.of(1, 0), read.labelIndexes);
    }

    @Test
    void aFolderWithoutSuccessMarkerIsRefused() throws IOException {
        writeLocal(DETECTOR, DataFormat.PARQUET, 10, 10);
        Files.delete(dir.resolve("predictions/_SUCCESS"));

        ShapeException e = assertThrows(ShapeException.class, () -> reader.open(predictions(), DETECTOR));

        assertEquals(ErrorKind.INVALID_INPUT, e.kind());
        assertTrue(e.getMessage().contains("_SUCCESS"), e.getMessage());
    }

    @Test
    void partsWhoseRowsDoNotAscendAreRefused() throws IOException {
        writeLocal(DETECTOR, DataFormat.CSV, 20, 10);
        Path parts = dir.resolve("predictions");
        // A stray copy of the first part sorts after the others: its rows go back to 0.
        Files.copy(parts.resolve("part-00000.csv"), parts.resolve("part-00002.csv"));

        ShapeException e = assertThrows(ShapeException.class, () -> readAll(DETECTOR, 8));

        assertEquals(ErrorKind.INVALID_INPUT, e.kind());
        assertTrue(e.getMessage().contains("part-00002.csv") && e.getMessage().contains("ascending"), e.getMessage());
    }

    @Test
    void aPredictionThatIsNotOneOfTheModelsLabelsIsRefused() throws IOException {
        writeLocal(DETECTOR, DataFormat.PARQUET, 20, 20);
        Model otherLabels = WeightedSumModel.classifier(new double[] {1}, 0, List.of(0L, 1L));

        ShapeException e = assertThrows(ShapeException.class, () -> readAll(otherLabels, 8));

        assertTrue(e.getMessage().contains("prediction '-1'") && e.getMessage().contains("part-00000.parquet"),
                e.getMessage());
    }

    @Test
    void predictionsOfAnotherKindAreRefusedWhenOpened() throws IOException {
        writeLocal(CLASSIFIER, DataFormat.PARQUET, 5, 5);

        ShapeException e = assertThrows(ShapeException.class, () -> readAll(DETECTOR, 8));

        assertTrue(e.getMessage().contains("'prediction'"), e.getMessage());
    }

    @Test
    void partsAreOrderedByTheirNumber() {
        assertEquals(12, PredictionPartsReader.partNumber("part-00012-0c1d-c000.snappy.parquet"));
        assertEquals(123456, PredictionPartsReader.partNumber("part-123456.csv"));
        assertEquals(Long.MAX_VALUE, PredictionPartsReader.partNumber("part-x.csv"));
    }

    private String predictions() {
        return dir.resolve("predictions").toString();
    }

    /** Writes {@code rows} predictions with the local engine's part writers, decisions from a seeded random walk. */
    private Expected writeLocal(Model model, DataFormat format, int rows, int rowsPerPart) throws IOException {
        PredictionColumns columns = PredictionColumns.of(model);
        PredictionsFolder folder = PredictionsFolder.create(predictions(), "test", format, columns, rowsPerPart);
        Random random = new Random(rows);
        Expected expected = new Expected();
        int batchRows = 97;
        for (int first = 0; first < rows; first += batchRows) {
            int n = Math.min(batchRows, rows - first);
            Batch batch = new Batch(new double[0], null, new Predictions(batchRows, 0));
            batch.firstRow = first;
            batch.rows = n;
            for (int i = 0; i < n; i++) {
                double d = random.nextGaussian() * 1e-3;
                batch.predictions.decision[i] = d;
                batch.predictions.value[i] = d * 1e6;
                batch.predictions.label[i] = d > 0 ? 1 : 0;
                expected.add(first + i, d > 0 ? 1 : 0, d * 1e6, d);
            }
            folder.write(batch);
        }
        folder.commit();
        return expected;
    }

    private Read readAll(Model model, int capacity) {
        Path root = Files.isDirectory(dir.resolve("predictions")) ? dir.resolve("predictions") : dir;
        Read read = new Read();
        try (OpenPredictions open = reader.open(root.toString(), model)) {
            read.labels = open.labels();
            read.hasDecision = open.hasDecision();
            PredictionBatch batch = new PredictionBatch(capacity);
            for (int n = open.next(batch); n > 0; n = open.next(batch)) {
                assertTrue(n <= capacity);
                for (int i = 0; i < n; i++) {
                    read.rows.add(batch.row[i]);
                    read.labelIndexes.add(batch.label[i]);
                    read.values.add(batch.value[i]);
                    read.decisions.add(batch.decision[i]);
                }
            }
            assertEquals(0, open.next(batch), "stays at the end");
        }
        return read;
    }

    private static void writeSparkPart(Path file, List<long[]> rows, List<Double> decisions) {
        // Spark's schema for (row long, prediction long, decision_function double): it writes every
        // column as optional, under the message name spark_schema.
        MessageType schema = Types.buildMessage()
                .optional(PrimitiveTypeName.INT64).named("row")
                .optional(PrimitiveTypeName.INT64).named("prediction")
                .optional(PrimitiveTypeName.DOUBLE).named("decision_function")
                .named("spark_schema");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = sparkWriter(file, schema)) {
            for (int i = 0; i < rows.size(); i++) {
                w.write(groups.newGroup().append("row", rows.get(i)[0]).append("prediction", rows.get(i)[1])
                        .append("decision_function", decisions.get(i)));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ParquetWriter<Group> sparkWriter(Path file, MessageType schema) throws IOException {
        return ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
                .withConf(new Configuration(false))
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                // Small row groups: several per part, as in a big Spark part.
                .withRowGroupSize(4096L).withPageSize(1024)
                .build();
    }

    /** What was written. */
    private static final class Expected {
        final List<Long> rows = new ArrayList<>();
        final List<Integer> labels = new ArrayList<>();
        final List<Double> values = new ArrayList<>();
        final List<Double> decisions = new ArrayList<>();

        void add(long row, int label, double value, double decision) {
            rows.add(row);
            labels.add(label);
            values.add(value);
            decisions.add(decision);
        }

        void assertSameAs(Read read, boolean checkDecisions, boolean checkValues) {
            assertEquals(rows, read.rows);
            for (int i = 0; i < rows.size(); i++) {
                if (checkValues) {
                    assertEquals(Double.doubleToLongBits(values.get(i)), Double.doubleToLongBits(read.values.get(i)),
                            "value of row " + i);
                } else {
                    assertEquals(labels.get(i), read.labelIndexes.get(i), "label of row " + i);
                }
                if (checkDecisions) {
                    assertEquals(Double.doubleToLongBits(decisions.get(i)),
                            Double.doubleToLongBits(read.decisions.get(i)), "decision of row " + i);
                }
            }
        }
    }

    /** What was read. */
    private static final class Read {
        List<String> labels;
        boolean hasDecision;
        final List<Long> rows = new ArrayList<>();
        final List<Integer> labelIndexes = new ArrayList<>();
        final List<Double> values = new ArrayList<>();
        final List<Double> decisions = new ArrayList<>();
    }
}
