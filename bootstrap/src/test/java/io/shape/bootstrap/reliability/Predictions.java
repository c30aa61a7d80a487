package io.shape.bootstrap.reliability;

import io.shape.adapters.local.PredictionPartsReader;
import io.shape.adapters.persistence.pickle.PickleModelLoader;
import io.shape.bootstrap.inprocess.Shape;
import io.shape.domain.model.Model;
import io.shape.domain.port.PredictionBatch;
import io.shape.domain.port.PredictionsReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Checks of an output folder that hold whenever and however a run ended. */
final class Predictions {
    private static final Model SEED_MODEL = new PickleModelLoader().load(Shape.SEED_MODEL).estimator();

    private Predictions() {
    }

    /** Reads a predictions folder back and fails unless it holds rows 0..expected-1, each once, in order. */
    static void assertComplete(Path predictions, long expected) {
        long next = 0;
        try (PredictionsReader.OpenPredictions rows = new PredictionPartsReader().open(predictions.toString(),
                SEED_MODEL)) {
            PredictionBatch batch = new PredictionBatch(8192);
            int n;
            while ((n = rows.next(batch)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (batch.row[i] != next) {
                        throw new AssertionError(predictions + ": row " + batch.row[i] + " where " + next
                                + " was expected");
                    }
                    next++;
                }
            }
        }
        if (next != expected) {
            throw new AssertionError(predictions + " holds " + next + " rows, the input has " + expected);
        }
    }

    /** Part files anywhere under {@code dir} except in hidden (in-progress) folders. */
    static List<Path> visibleParts(Path dir) throws IOException {
        List<Path> parts = new ArrayList<>();
        if (!Files.exists(dir)) {
            return parts;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                boolean hidden = false;
                for (Path name : dir.relativize(p)) {
                    hidden |= name.toString().startsWith(".");
                }
                if (!hidden && p.getFileName().toString().startsWith("part-")) {
                    parts.add(p);
                }
            }
        }
        return parts;
    }
}
