package io.shape.adapters.local;

import io.shape.domain.model.OutputSchema;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A predictions part file in CSV with a header; doubles are printed by {@link Double#toString(double)},
 * which reads back to the same double.
 */
final class CsvPartWriter implements PartWriter {
    private final BufferedWriter out;
    private final PredictionColumns columns;
    private final String[] quotedLabels;
    private final StringBuilder line = new StringBuilder(64);

    CsvPartWriter(Path file, PredictionColumns columns) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.columns = columns;
        this.quotedLabels = new String[columns.labelCount()];
        for (int i = 0; i < quotedLabels.length; i++) {
            quotedLabels[i] = quote(columns.stringLabels()[i]);
        }
        StringBuilder header = new StringBuilder(OutputSchema.ROW + "," + OutputSchema.PREDICTION);
        if (columns.decision()) {
            header.append(',').append(OutputSchema.DECISION_FUNCTION);
        }
        columns.perLabel().forEach(c -> header.append(',').append(quote(c)));
        out.write(header.append('\n').toString());
    }

    @Override
    public void write(Batch batch, int from, int count) throws IOException {
        for (int i = from; i < from + count; i++) {
            line.setLength(0);
            line.append(batch.firstRow + i).append(',');
            switch (columns.type()) {
                case LONG_LABEL, STRING_LABEL -> line.append(quotedLabels[batch.predictions.label[i]]);
                case VALUE -> line.append(batch.predictions.value[i]);
                default -> throw new IllegalStateException(columns.type().name());
            }
            if (columns.decision()) {
                line.append(',').append(batch.predictions.decision[i]);
            }
            for (int k = 0; k < columns.perLabel().size(); k++) {
                line.append(',').append(batch.predictions.perLabel(k, i));
            }
            line.append('\n');
            out.append(line);
        }
    }

    private static String quote(String s) {
        boolean needs = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
