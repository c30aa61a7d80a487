package io.shape.domain.data;

import java.util.List;
import java.util.Objects;

/**
 * The table to score: where it is (a file, a folder of files, or a Hadoop-FS URI), its format, and the
 * feature columns to read.
 */
public record Dataset(String location, DataFormat format, List<String> featureColumns) {
    public Dataset {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(format, "format");
        featureColumns = List.copyOf(featureColumns);
    }
}
