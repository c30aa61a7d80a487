package io.shape.domain.data;

/** Formats shape reads and writes. */
public enum DataFormat {
    PARQUET,
    CSV;

    /** The format of a file by its name, parquet unless it ends in {@code .csv}. */
    public static DataFormat ofFileName(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? CSV : PARQUET;
    }
}
