package io.shape.bootstrap.reliability;

import io.shape.adapters.local.PredictionPartsReader;
import io.shape.adapters.persistence.pickle.PickleModelLoader;
import io.shape.bootstrap.inprocess.Shape;
import io.shape.domain.port.PredictionBatch;
import io.shape.domain.port.PredictionsReader;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tables of issue 24's hostile tester through the real command line, on both engines: an unsigned parquet
 * column above 2^31 scores exactly as its signed twin, and infinity, overflowing literals, Java number syntax,
 * duplicate columns and timestamp columns each end in exit 3 with one line naming the column (and row), no
 * stack trace, no _SUCCESS and a FAILED run.json.
 */
@Tag("reliability")
class HostileTableTest {
    private static final Ledger LEDGER = new Ledger(HostileTableTest.class);
    private static final List<String> ENGINES = List.of("local", "spark");
    private static final int ROWS = 300;
    private static final String CSV_HEADER = "time,vibration_x,vibration_y,vibration_z\n";

    @TempDir
    Path work;
    private int runs;

    @BeforeEach
    void seedFiles() throws IOException {
        Shape.copySeedArtifacts(work);
    }

    @AfterAll
    static void writeLedger() {
        LEDGER.write();
    }

    @Test
    void unsignedColumnScoresAsItsValues() throws Exception {
        // vibration_x spans 0 .. 4.2e9, across 2^31: read as signed, the values above it would wrap and change order
        Path unsigned = parquet("uint32.parquet", "required int32 vibration_x (UINT_32)", v -> (int) v);
        Path signed = parquet("int64.parquet", "required int64 vibration_x", v -> v);
        try (Ledger.Case c = LEDGER.open("validated inputs: unsigned parquet integers are read as their values",
                "unsignedColumnScoresAsItsValues", "uint32 feature column 0 .. 4.2e9 (3e9 included) vs its int64 twin, "
                        + "local and spark")) {
            for (String engine : ENGINES) {
                c.injected();
                List<String> fromUnsigned = scored(engine, unsigned);
                assertEquals(scored(engine, signed), fromUnsigned, engine + ": uint32 scores as the same int64 values");
                assertEquals(ROWS, fromUnsigned.size());
                c.survived();
            }
        }
    }

    @Test
    void hostileTablesAreRefused() throws Exception {
        String rows = "1,0.5,1,2\n2,1,2,3\n3,4,5,6\n";
        List<Object[]> cases = List.of(
                new Object[] {csv("inf.csv", rows + "4,Infinity,1,2\n"), "'vibration_x'", "infinite", "row 3"},
                new Object[] {csv("neg-inf.csv", rows + "4,1,-inf,2\n"), "'vibration_y'", "infinite", "row 3"},
                new Object[] {csv("overflow.csv", rows + "4,1,2,1e999\n"), "'vibration_z'", "infinite", "row 3"},
                new Object[] {csv("float-suffix.csv", rows + "4,1.5f,2,3\n"), "'vibration_x'", "'1.5f'", "row 3"},
                new Object[] {csv("double-suffix.csv", rows + "4,1,1.5d,3\n"), "'vibration_y'", "'1.5d'", "row 3"},
                new Object[] {csv("hex.csv", rows + "4,1,2,0x1.8p1\n"), "'vibration_z'", "'0x1.8p1'", "row 3"},
                new Object[] {duplicated(), "'vibration_x'", "appears twice"},
                new Object[] {parquet("timestamp.parquet", "required int64 vibration_x (TIMESTAMP(MILLIS,true))",
                    v -> v), "'vibration_x'", "dates or times"});
        try (Ledger.Case c = LEDGER.open("validated inputs: exit 3, one line naming the column (and row), no stack "
                        + "trace, no _SUCCESS, run.json FAILED",
                "hostileTablesAreRefused", "Infinity/-inf/1e999, 1.5f/1.5d/0x1.8p1 CSV cells, duplicate parquet "
                        + "column, timestamp column; local and spark")) {
            for (Object[] hostile : cases) {
                for (String engine : ENGINES) {
                    c.injected();
                    Path out = work.resolve("out/" + (runs++));
                    Shape.Result r = Shape.run(work, Map.of(), args(engine, (Path) hostile[0], out));
                    String context = engine + " " + hostile[0] + "\n" + r.all();
                    assertEquals(3, r.exitCode(), context);
                    assertFalse(r.err().contains("\tat "), "no stack trace: " + context);
                    String message = r.err().strip();
                    for (int k = 1; k < hostile.length; k++) {
                        assertTrue(message.contains((String) hostile[k]), hostile[k] + " in: " + context);
                    }
                    assertFalse(Files.exists(out.resolve("predictions/_SUCCESS")), context);
                    assertTrue(Files.readString(out.resolve("run.json")).contains("\"FAILED\""), context);
                    c.survived();
                }
            }
        }
    }

    private String[] args(String engine, Path data, Path out) {
        List<String> args = new ArrayList<>(List.of("score", "--quiet", "--engine", engine, "--data", data.toString(),
                "--output", out.toString()));
        if (engine.equals("spark")) {
            args.addAll(List.of("--master", "local[2]"));
        }
        return args.toArray(String[]::new);
    }

    /** Each row's label and decision as read back from a successful run's predictions. */
    private List<String> scored(String engine, Path data) {
        Path out = work.resolve("out/" + (runs++));
        Shape.Result r = Shape.run(work, Map.of(), args(engine, data, out));
        assertEquals(0, r.exitCode(), engine + " " + data + "\n" + r.all());
        List<String> rows = new ArrayList<>();
        try (PredictionsReader.OpenPredictions read = new PredictionPartsReader().open(
                out.resolve("predictions").toString(), new PickleModelLoader().load(Shape.SEED_MODEL).estimator())) {
            PredictionBatch batch = new PredictionBatch(1024);
            int n;
            while ((n = read.next(batch)) > 0) {
                for (int i = 0; i < n; i++) {
                    rows.add(batch.row[i] + ":" + batch.label[i] + ":" + batch.decision[i]);
                }
            }
        }
        return rows;
    }

    private Path csv(String name, String rows) throws IOException {
        return Files.writeString(work.resolve(name), CSV_HEADER + rows);
    }

    /** The first feature's value as the test writes it (an int for INT32 columns, a long for INT64 ones). */
    @FunctionalInterface
    private interface FirstFeature {
        Object of(long value);
    }

    /**
     * {@link #ROWS} rows: time, then vibration_x (a field of the given type) 0, 1.4e7, ... 4.186e9 with 3e9
     * exactly at row 214, then two double features.
     */
    private Path parquet(String name, String firstFeature, FirstFeature first) throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message m { required double time; " + firstFeature
                + "; required double vibration_y; required double vibration_z; }");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            long x = i == 214 ? 3_000_000_000L : i * 14_000_000L;
            rows.add(new Object[] {(double) i, first.of(x), Math.cos(i * 0.7) * 2, (i % 17) * 0.25});
        }
        return write(name, schema, rows);
    }

    private Path duplicated() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message m { required double time;"
                + " required double vibration_x; required double vibration_y; required double vibration_z;"
                + " required double vibration_x; }");
        return write("duplicate.parquet", schema, List.<Object[]>of(new Object[] {1.0, 2.0, 3.0, 4.0, 5.0}));
    }

    private Path write(String name, MessageType schema, List<Object[]> rows) throws IOException {
        Path file = work.resolve(name);
        try (ParquetWriter<org.apache.parquet.example.data.Group> writer =
                     ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema).build()) {
            for (Object[] row : rows) {
                SimpleGroup g = new SimpleGroup(schema);
                for (int c = 0; c < row.length; c++) {
                    if (row[c] instanceof Integer v) {
                        g.add(c, v);
                    } else if (row[c] instanceof Long v) {
                        g.add(c, v);
                    } else {
                        g.add(c, (Double) row[c]);
                    }
                }
                writer.write(g);
            }
        }
        return file;
    }
}
