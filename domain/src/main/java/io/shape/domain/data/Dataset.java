package io.shape.domain.data;

import java.util.List;
import java.util.Objects;

/**
 * The table to score: where it is (a file, a folder of files, or a Hadoop-FS URI), its format, the
 * feature columns to read, and the folders its files must lie in. Engines open a local table through
 * {@link InputFiles#pin}, which applies the confinement to every file and pins what they read.
 */
public record Dataset(String location, DataFormat format, List<String> featureColumns, FileConfinement confinement) {
    public Dataset {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(confinement, "confinement");
        featureColumns = List.copyOf(featureColumns);
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
