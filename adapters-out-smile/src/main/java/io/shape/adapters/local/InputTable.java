package io.shape.adapters.local;

import io.shape.domain.ShapeException;
import io.shape.domain.data.ColumnPlan;
import io.shape.domain.data.DataFormat;
import io.shape.domain.data.Dataset;
import io.shape.domain.data.InputFiles;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/**
 * The input table of a run: its files in path order, checked up front (they exist, have every feature
 * column, and the columns are numeric), and a way to read it from the start as often as fitting needs.
 */
abstract class InputTable {
    private final String location;
    private final InputFiles pinned;
    private final List<Path> files;
    private final List<String> features;
    private final ColumnPlan plan;

    InputTable(String location, InputFiles pinned, List<String> features, ColumnPlan plan) {
        this.location = location;
        this.pinned = pinned;
        this.files = pinned.files();
        this.features = List.copyOf(features);
        this.plan = plan;
    }

    /** Fails the run when the files are no longer those pinned at the start (see {@link InputFiles}). */
    void verifyUnchanged() {
        pinned.verifyUnchanged();
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
        localPath(dataset.location());
        InputFiles pinned = dataset.pinFiles();
        List<Path> files = pinned.files();
        // A folder's format comes from its name (parquet); a folder holding only .csv files is CSV.
        boolean csv = dataset.format() == DataFormat.CSV || files.stream()
                .allMatch(f -> DataFormat.ofFileName(f.getFileName().toString()) == DataFormat.CSV);
        return csv
                ? new CsvTable(dataset.location(), pinned, features, dataset.columns())
                : new ParquetTable(dataset.location(), pinned, features, dataset.columns());
    }

    /** The files of a location: the file itself, or a folder's data files sorted by name (the domain's rule). */
    static List<Path> dataFiles(String location) {
        localPath(location);
        return InputFiles.pin(location, io.shape.domain.data.FileConfinement.NONE).files();
    }

    /** The domain's local path of {@code location}; a remote URI is refused (it is the Spark engine's). */
    static Path localPath(String location) {
        if (!InputFiles.isLocal(location)) {
            throw ShapeException.invalidInput("the local engine reads local files only, not " + location
                    + "; use --engine spark for remote file systems");
        }
        return InputFiles.localPath(location);
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

    /** How each feature column is read (numbers, coded text, or not at all). */
    ColumnPlan plan() {
        return plan;
    }

    int width() {
        return features.size();
    }

    /** The row count from file metadata, or -1 when only reading tells (CSV). */
    abstract long knownRows();

    /** A reader positioned at the first row. */
    abstract RowReader newReader();
}
