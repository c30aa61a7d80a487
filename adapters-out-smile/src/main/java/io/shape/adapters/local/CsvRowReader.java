package io.shape.adapters.local;

import io.shape.domain.ShapeException;
import io.shape.domain.data.CategoryCodes;
import io.shape.domain.data.ColumnPlan;
import io.shape.domain.data.CsvNumber;
import io.shape.domain.data.ValueTally;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads feature columns from CSV files in order. Cells are read by {@link CsvNumber}, as pandas and
 * scikit-learn read them (missing ones are NaN, booleans 1 and 0 in a column of booleans); the first cell that is
 * text ends the read with its row, by the domain's rule ({@link ValueTally#requireNumbers}).
 */
final class CsvRowReader implements RowReader {
    private final String location;
    private final List<Path> files;
    private final List<String> features;
    private final int width;
    private final String[] wanted;
    private final ColumnPlan plan;
    /**
     * The cells read so far that decide whether a column is numbers for pandas: text (the read ends at the
     * first), booleans, and which columns hold numbers (booleans next to a number are text).
     */
    private final ValueTally cells;
    /** Whether the row being stored met a boolean or a column's first number: the verdict may have changed. */
    private boolean check;
    /** Data rows read before the current one, across files: the current row's position. */
    private long row;

    private int nextFile;
    private BufferedReader in;
    private Path filePath;
    private long lineNumber;
    private int[] indexes;
    private int[] featureAt;
    private int lastIndex;

    CsvRowReader(String location, List<Path> files, List<String> features, ColumnPlan plan) {
        this.location = location;
        this.files = files;
        this.features = features;
        this.width = features.size();
        this.wanted = new String[width];
        this.plan = plan;
        this.cells = new ValueTally(width);
    }

    @Override
    public int read(double[] into, int maxRows) {
        int n = 0;
        try {
            while (n < maxRows) {
                String line = in == null ? null : in.readLine();
                if (line == null) {
                    if (!openNext()) {
                        break;
                    }
                    continue;
                }
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                parse(line, into, n * width);
                n++;
                row++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + filePath + ": " + e.getMessage(), e);
        }
        return n;
    }

    private void parse(String line, double[] into, int at) {
        int field = 0;
        int start = 0;
        int len = line.length();
        for (int i = 0; i <= len && field <= lastIndex; i++) {
            if (i < len && line.charAt(i) == '"') {
                // Quoted fields are rare in numeric data: fall back to the general splitter.
                List<String> all = CsvLine.split(line);
                for (int f = 0; f < width; f++) {
                    wanted[f] = indexes[f] >= 0 && indexes[f] < all.size() ? all.get(indexes[f]) : null;
                }
                store(into, at);
                return;
            }
            if (i == len || line.charAt(i) == ',') {
                int f = featureAt[field];
                if (f >= 0) {
                    wanted[f] = line.substring(start, i);
                }
                field++;
                start = i + 1;
            }
        }
        if (field <= lastIndex) {
            throw ShapeException.invalidInput(filePath + " line " + lineNumber + " has " + field
                    + " fields but the header has more; every row needs a value for each column");
        }
        store(into, at);
    }

    private void store(double[] into, int at) {
        for (int f = 0; f < width; f++) {
            into[at + f] = switch (plan.use(f)) {
                case NUMBERS -> number(wanted[f], f);
                case CATEGORIES -> category(wanted[f], f);
                case UNUSED -> Double.NaN;
                case ENCODED -> throw new IllegalStateException("column " + f + " is read before its survey");
            };
            wanted[f] = null;
        }
        if (check) { // a boolean cell in a column that has a number is text for pandas
            check = false;
            if (cells.refusesText()) {
                cells.requireNumbers(features, location);
            }
        }
    }

    /** A text column's cell as pandas reads it (its NA spellings are NaN), coded for the encoder. */
    private double category(String text, int f) {
        if (text == null) {
            throw ShapeException.invalidInput(filePath + " line " + lineNumber + " has no value for column '"
                    + features.get(f) + "'");
        }
        return plan.codes(f).cell(text, false, true, features.get(f), location, row);
    }

    private double number(String text, int f) {
        if (text == null) {
            throw ShapeException.invalidInput(filePath + " line " + lineNumber + " has no value for column '"
                    + features.get(f) + "'");
        }
        try {
            double value = CsvNumber.parse(text);
            if (value == value && cells.number(f)) {
                check = true;
            }
            return value;
        } catch (NumberFormatException e) {
            int bool = CsvNumber.bool(text);
            if (bool >= 0) {
                cells.bool(f, row, text);
                check = true;
                return bool;
            }
            cells.text(f, row, text);
            cells.requireNumbers(features, location);
            throw new IllegalStateException("text was tallied but not refused");
        }
    }

    private boolean openNext() throws IOException {
        close();
        if (nextFile == files.size()) {
            return false;
        }
        filePath = files.get(nextFile++);
        in = Files.newBufferedReader(filePath, StandardCharsets.UTF_8);
        indexes = CsvTable.columnIndexes(filePath, in.readLine(), features, plan);
        lineNumber = 1;
        lastIndex = 0;
        for (int i : indexes) {
            lastIndex = Math.max(lastIndex, i);
        }
        featureAt = new int[lastIndex + 1];
        java.util.Arrays.fill(featureAt, -1);
        for (int f = width - 1; f >= 0; f--) {
            if (indexes[f] >= 0) {
                featureAt[indexes[f]] = f;
            }
        }
        return true;
    }

    @Override
    public void close() {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // Closing a file we only read: nothing is lost if it fails.
            }
            in = null;
        }
    }
}
