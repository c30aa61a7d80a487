package io.shape.adapters.local;

import io.shape.domain.ShapeException;
import io.shape.domain.data.DataFormat;
import io.shape.domain.data.Dataset;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * The input table of a run: its files in path order, checked up front (they exist, have every feature
 * column, and the columns are numeric), and a way to read it from the start as often as fitting needs.
 */
abstract class InputTable {
    private final String location;
    private final List<Path> files;
    private final List<String> features;

    InputTable(String location, List<Path> files, List<String> features) {
        this.location = location;
        this.files = List.copyOf(files);
        this.features = List.copyOf(features);
    }

    /** Resolves and validates the dataset; throws INVALID_INPUT naming what is wrong. */
    static InputTable open(Dataset dataset) {
        List<String> features = dataset.featureColumns();
        if (features.isEmpty()) {
            throw ShapeException.invalidInput("no feature columns to read from " + dataset.location());
        }
        if (new HashSet<>(features).size() != features.size()) {
            throw ShapeException.invalidInput("feature columns " + features + " name a column twice");
        }
        List<Path> files = dataFiles(dataset.location());
        // A folder's format comes from its name (parquet); a folder holding only .csv files is CSV.
        boolean csv = dataset.format() == DataFormat.CSV || files.stream()
                .allMatch(f -> DataFormat.ofFileName(f.getFileName().toString()) == DataFormat.CSV);
        return csv
                ? new CsvTable(dataset.location(), files, features)
                : new ParquetTable(dataset.location(), files, features);
    }

    /** The files of a location: the file itself, or a folder's data files sorted by name. */
    static List<Path> dataFiles(String location) {
        Path path = localPath(location);
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw ShapeException.invalidInput("data not found: " + location
                    + " is neither a file nor a folder; check --data");
        }
        List<Path> files;
        try (Stream<Path> children = Files.list(path)) {
            files = children.filter(p -> !isMarkerOrHidden(p)).sorted().toList();
        } catch (IOException e) {
            throw ShapeException.invalidInput("cannot list the data folder " + location + ": " + e.getMessage());
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw ShapeException.invalidInput("data folder " + location + " contains the folder "
                        + f.getFileName() + "; shape reads a flat folder of data files (no partition folders)");
            }
        }
        if (files.isEmpty()) {
            throw ShapeException.invalidInput("no data to score: the folder " + location + " has no data files");
        }
        return files;
    }

    /** Spark's and Hadoop's conventions: {@code _SUCCESS}, {@code _metadata}, {@code .crc} files are not data. */
    private static boolean isMarkerOrHidden(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith("_") || name.startsWith(".");
    }

    static Path localPath(String location) {
        if (location.startsWith("file:")) {
            return Path.of(URI.create(location));
        }
        if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*")) {
            throw ShapeException.invalidInput("the local engine reads local files only, not " + location
                    + "; use --engine spark for remote file systems");
        }
        return Path.of(location);
    }

    String location() {
        return location;
    }

    List<Path> files() {
        return files;
    }

    List<String> features() {
        return features;
    }

    int width() {
        return features.size();
    }

    /** The row count from file metadata, or -1 when only reading tells (CSV). */
    abstract long knownRows();

    /** A reader positioned at the first row. */
    abstract RowReader newReader();
}
