package io.shape.bootstrap.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one reliability test class injected and what survived, written to
 * {@code target/reliability/<class>.json} after the class ran; {@link ReliabilityTable} renders all of them
 * into the table of docs/RELIABILITY.md. A case is counted as survived only after its assertions passed.
 */
final class Ledger {
    static final Path DIR = Path.of("target", "reliability").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One row of the table: a promise, the test that backs it, and the counts. */
    record Entry(String promise, String test, String cases, int injected, int survived) {
    }

    private final String suite;
    private final List<Entry> entries = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Ledger(Class<?> suite) {
        this.suite = suite.getSimpleName();
    }

    /** A counter for one test method; {@link Case#close()} adds its row even when the test failed midway. */
    Case open(String promise, String test, String cases) {
        return new Case(promise, test, cases);
    }

    synchronized void note(String note) {
        notes.add(note);
    }

    private synchronized void add(Entry e) {
        entries.add(e);
    }

    /** Writes this class's counts and re-renders the table from every class's latest counts. */
    synchronized void write() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("suite", suite);
        doc.put("finished", Instant.now().toString());
        ArrayNode rows = doc.putArray("entries");
        for (Entry e : entries) {
            ObjectNode o = rows.addObject();
            o.put("promise", e.promise());
            o.put("test", e.test());
            o.put("cases", e.cases());
            o.put("injected", e.injected());
            o.put("survived", e.survived());
        }
        ArrayNode n = doc.putArray("notes");
        notes.forEach(n::add);
        try {
            Files.createDirectories(DIR);
            JSON.writeValue(DIR.resolve(suite + ".json").toFile(), doc);
            ReliabilityTable.render(DIR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts the cases of one test method. */
    final class Case implements AutoCloseable {
        private final String promise;
        private final String test;
        private final String cases;
        private int injected;
        private int survived;

        private Case(String promise, String test, String cases) {
            this.promise = promise;
            this.test = test;
            this.cases = cases;
        }

        synchronized void injected() {
            injected++;
        }

        synchronized void survived() {
            survived++;
        }

        /** One case injected and, since its checks passed, survived. */
        synchronized void passed() {
            injected++;
            survived++;
        }

        @Override
        public synchronized void close() {
            add(new Entry(promise, test, cases, injected, survived));
        }
    }
}
