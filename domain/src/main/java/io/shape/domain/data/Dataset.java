package io.shape.domain.data;

import java.util.List;
import java.util.Objects;

/**
 * The table to score: where it is (a file, a folder of files, or a Hadoop-FS URI), its format, the
 * feature columns to read and how ({@link ColumnPlan}), and the folders its files must lie in. Engines open a local table through
 * {@link InputFiles#pin}, which applies the confinement to every file and pins what they read.
 */
public record Dataset(String location, DataFormat format, List<String> featureColumns, FileConfinement confinement,
                      ColumnPlan columns) {
    public Dataset {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(confinement, "confinement");
        featureColumns = List.copyOf(featureColumns);
        Objects.requireNonNull(columns, "columns");
        if (columns.width() != featureColumns.size()) {
            throw new IllegalArgumentException("a plan of " + columns.width() + " columns for " + featureColumns);
        }
    }

    /** A table whose feature columns are all read as numbers. */
    public Dataset(String location, DataFormat format, List<String> featureColumns, FileConfinement confinement) {
        this(location, format, featureColumns, confinement, ColumnPlan.numbers(featureColumns.size()));
    }

    /** The feature columns the table must have: all but those the pipeline never reads ({@link ColumnPlan}). */
    public List<String> requiredColumns() {
        return columns.required(featureColumns);
    }

    /** A table that may lie anywhere (the command line's runs). */
    public Dataset(String location, DataFormat format, List<String> featureColumns) {
        this(location, format, featureColumns, FileConfinement.NONE);
    }

    /** Pins the files of a local table (see {@link InputFiles}); null for a remote one. */
    public InputFiles pinFiles() {
        return InputFiles.isLocal(location) ? InputFiles.pin(location, confinement) : null;
    }
}
