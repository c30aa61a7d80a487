package io.shape.adapters.local;

import io.shape.domain.ShapeException;
import io.shape.domain.data.ColumnPlan;
import io.shape.domain.data.FeatureTypes;
import io.shape.domain.data.InputFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CSV files with a header row; every header is checked when the table is opened. */
final class CsvTable extends InputTable {
    CsvTable(String location, List<Path> files, List<String> features) {
        this(location, InputFiles.of(files), features, ColumnPlan.numbers(features.size()));
    }

    CsvTable(String location, InputFiles pinned, List<String> features, ColumnPlan plan) {
        super(location, pinned, features, plan);
        for (Path file : files()) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                columnIndexes(file, in.readLine(), features, plan);
            } catch (IOException e) {
                throw ShapeException.invalidInput("cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    @Override
    long knownRows() {
        return -1;
    }

    @Override
    RowReader newReader() {
        return new CsvRowReader(location(), files(), features(), plan());
    }

    /**
     * Where each feature is in the header (-1 for an unused one the file lacks); refuses a missing header or
     * column, naming those present.
     */
    static int[] columnIndexes(Path file, String header, List<String> features, ColumnPlan plan) {
        if (header == null) {
            throw ShapeException.invalidInput("no data to score: " + file + " is empty (a CSV needs a header row)");
        }
        List<String> names = CsvLine.split(stripBom(header));
        int[] indexes = new int[features.size()];
        for (int f = 0; f < features.size(); f++) {
            indexes[f] = names.indexOf(features.get(f));
            if (indexes[f] < 0 && plan.use(f) != ColumnPlan.Use.UNUSED) {
                throw FeatureTypes.missing(List.of(features.get(f)), file.toString(), names);
            }
        }
        return indexes;
    }

    static String stripBom(String line) {
        return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
    }
}
