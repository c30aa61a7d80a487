package io.shape.adapters.local;

import io.shape.domain.ShapeException;
import io.shape.domain.model.Model;
import io.shape.domain.port.PredictionBatch;
import io.shape.domain.port.PredictionsReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a predictions folder of either engine back in row order: the local engine's {@code part-00000.parquet}
 * or Spark's {@code part-00000-<uuid>-c000.snappy.parquet} (and their {@code .csv} twins), ordered by part
 * number, with every row number checked to ascend across the parts.
 */
public final class PredictionPartsReader implements PredictionsReader {
    @Override
    public OpenPredictions open(String predictionsDir, Model model) {
        Path dir = InputTable.localPath(predictionsDir).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw ShapeException.invalidInput("predictions folder " + dir + " does not exist");
        }
        if (!Files.exists(dir.resolve(PredictionsFolder.SUCCESS))) {
            throw ShapeException.invalidInput("predictions folder " + dir + " has no " + PredictionsFolder.SUCCESS
                    + " file: the run that wrote it did not finish, so its predictions are not complete");
        }
        return new Stream(parts(dir), LabelIndex.of(model), model.hasDecisionFunction());
    }

    /** The part files in part-number order (which is row order for both engines); checksums and hidden files skipped. */
    static List<Path> parts(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            List<Path> parts = files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().startsWith("part-"))
                    .filter(p -> !p.getFileName().toString().endsWith(".crc"))
                    .sorted(Comparator.comparingLong((Path p) -> partNumber(p.getFileName().toString()))
                            .thenComparing(p -> p.getFileName().toString()))
                    .toList();
            if (parts.isEmpty()) {
                throw ShapeException.invalidInput("predictions folder " + dir + " has no part-* files");
            }
            return parts;
        } catch (IOException e) {
            throw ShapeException.invalidInput("cannot list predictions folder " + dir + ": " + e.getMessage());
        }
    }

    /** {@code part-00012.parquet} or {@code part-00012-<uuid>-c000.snappy.parquet} → 12; unnumbered parts last. */
    static long partNumber(String name) {
        int start = "part-".length();
        int end = start;
        while (end < name.length() && end - start < 18 && Character.isDigit(name.charAt(end))) {
            end++;
        }
        return end == start ? Long.MAX_VALUE : Long.parseLong(name.substring(start, end));
    }

    /** The rows of all parts, one part file open at a time. */
    private static final class Stream implements OpenPredictions {
        private final List<Path> parts;
        private final LabelIndex labels;
        private final boolean decision;
        private int nextPart;
        private PredictionPart part;
        private Path partPath;
        private long lastRow = -1;

        Stream(List<Path> parts, LabelIndex labels, boolean decision) {
            this.parts = parts;
            this.labels = labels;
            this.decision = decision;
        }

        @Override
        public List<String> labels() {
            return labels.texts();
        }

        @Override
        public boolean hasDecision() {
            return decision;
        }

        @Override
        public int next(PredictionBatch batch) {
            int filled = 0;
            try {
                while (filled < batch.capacity) {
                    if (part == null && !openNext()) {
                        break;
                    }
                    int n = part.read(batch, filled, batch.capacity - filled);
                    if (n == 0) {
                        closePart();
                        continue;
                    }
                    checkAscending(batch, filled, n);
                    filled += n;
                }
            } catch (IOException e) {
                close();
                throw ShapeException.invalidInput("cannot read predictions file " + partPath + ": " + e.getMessage());
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            return filled;
        }

        /** Both engines number rows from 0 up across parts; anything else means the parts were mixed up. */
        private void checkAscending(PredictionBatch batch, int from, int n) {
            for (int i = from; i < from + n; i++) {
                long row = batch.row[i];
                if (row <= lastRow) {
                    throw ShapeException.invalidInput("predictions file " + partPath + " has row " + row
                            + " after row " + lastRow + "; the parts of a predictions folder must hold ascending"
                            + " row numbers (was a part file added, renamed or copied in?)");
                }
                lastRow = row;
            }
        }

        private boolean openNext() throws IOException {
            if (nextPart == parts.size()) {
                return false;
            }
            partPath = parts.get(nextPart++);
            String name = partPath.getFileName().toString();
            if (name.endsWith(".parquet")) {
                part = new ParquetPredictionPart(partPath, labels, decision);
            } else if (name.endsWith(".csv")) {
                part = new CsvPredictionPart(partPath, labels, decision);
            } else {
                throw ShapeException.invalidInput("predictions file " + partPath
                        + " is neither .parquet nor .csv; shape writes only those");
            }
            return true;
        }

        private void closePart() {
            if (part != null) {
                PredictionPart p = part;
                part = null;
                p.close();
            }
        }

        @Override
        public void close() {
            closePart();
            nextPart = parts.size();
        }
    }
}
