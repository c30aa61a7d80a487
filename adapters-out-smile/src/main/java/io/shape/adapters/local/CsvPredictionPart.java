package io.shape.adapters.local;

import io.shape.domain.model.OutputSchema;
import io.shape.domain.ShapeException;
import io.shape.domain.port.PredictionBatch;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A CSV predictions part with a header ({@code row,prediction[,decision_function]}), as either engine
 * writes it; an empty file (Spark's part for an empty partition) has no rows.
 */
final class CsvPredictionPart implements PredictionPart {
    private final Path path;
    private final LabelIndex labels;
    private final boolean decision;
    private final BufferedReader in;
    private int rowAt = -1;
    private int predictionAt = -1;
    private int decisionAt = -1;
    private int width;
    private long lineNumber = 1;

    CsvPredictionPart(Path path, LabelIndex labels, boolean decision) throws IOException {
        this.path = path;
        this.labels = labels;
        this.decision = decision;
        this.in = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        try {
            String header = in.readLine();
            if (header != null) {
                readHeader(CsvLine.split(header));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void readHeader(List<String> names) {
        width = names.size();
        rowAt = names.indexOf(OutputSchema.ROW);
        predictionAt = names.indexOf(OutputSchema.PREDICTION);
        decisionAt = names.indexOf(OutputSchema.DECISION_FUNCTION);
        if (rowAt < 0 || predictionAt < 0 || (decision && decisionAt < 0)) {
            throw ShapeException.invalidInput("predictions file " + path + " has header " + names
                    + " but needs row, prediction" + (decision ? ", decision_function" : "")
                    + "; was it written for another model?");
        }
    }

    @Override
    public int read(PredictionBatch batch, int at, int max) throws IOException {
        if (rowAt < 0) {
            return 0;
        }
        int n = 0;
        while (n < max) {
            String line = in.readLine();
            if (line == null) {
                break;
            }
            lineNumber++;
            if (line.isEmpty()) {
                continue;
            }
            List<String> fields = CsvLine.split(line);
            if (fields.size() != width) {
                throw bad("has " + fields.size() + " fields but the header has " + width);
            }
            int i = at + n;
            batch.row[i] = parseRow(fields.get(rowAt));
            String prediction = fields.get(predictionAt);
            if (labels.type() == PredictionColumns.Type.VALUE) {
                batch.value[i] = parseDouble(prediction, OutputSchema.PREDICTION);
            } else {
                int label = labels.ofText(prediction);
                if (label < 0) {
                    throw bad("has prediction '" + prediction + "', which is not one of the model's labels "
                            + labels.texts() + "; was it written for another model?");
                }
                batch.label[i] = label;
            }
            if (decision) {
                batch.decision[i] = parseDouble(fields.get(decisionAt), OutputSchema.DECISION_FUNCTION);
            }
            n++;
        }
        return n;
    }

    private long parseRow(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw bad("has row '" + text + "', not a row number");
        }
    }

    private double parseDouble(String text, String column) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw bad("has " + column + " '" + text + "', not a number");
        }
    }

    private ShapeException bad(String what) {
        return ShapeException.invalidInput("predictions file " + path + " line " + lineNumber + " " + what);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // Closing a file we only read: nothing is lost if it fails.
        }
    }
}
