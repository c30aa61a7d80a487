package io.shape.adapters.local;

import io.shape.domain.ShapeException;
import io.shape.domain.data.DataFormat;
import io.shape.domain.data.Dataset;
import io.shape.domain.port.TableColumns;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.Type;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads columns of local parquet or CSV tables with the engine's own readers (the same folder rules, type
 * checks and null handling as scoring), for reports that look at a run's data and predictions.
 */
public final class LocalTableColumns implements TableColumns {
    @Override
    public List<String> names(String location) {
        Path first = InputTable.dataFiles(location).get(0);
        try {
            if (isCsv(location)) {
                try (BufferedReader in = Files.newBufferedReader(first, StandardCharsets.UTF_8)) {
                    String header = in.readLine();
                    return header == null ? List.of() : CsvLine.split(CsvTable.stripBom(header));
                }
            }
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(first))) {
                return reader.getFooter().getFileMetaData().getSchema().getFields().stream().map(Type::getName)
                        .toList();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ShapeException se) {
                throw se;
            }
            throw ShapeException.invalidInput("cannot read the columns of " + first + ": " + e.getMessage());
        }
    }

    @Override
    public Cursor open(String location, List<String> columns) {
        DataFormat format = isCsv(location) ? DataFormat.CSV : DataFormat.PARQUET;
        RowReader reader = InputTable.open(new Dataset(location, format, columns)).newReader();
        return new Cursor() {
            @Override
            public int read(double[] into, int maxRows) {
                return reader.read(into, maxRows);
            }

            @Override
            public void close() {
                reader.close();
            }
        };
    }

    /** As scoring decides: a CSV file, or a folder holding only CSV files. */
    private static boolean isCsv(String location) {
        return DataFormat.ofFileName(location) == DataFormat.CSV || InputTable.dataFiles(location).stream()
                .allMatch(f -> DataFormat.ofFileName(f.getFileName().toString()) == DataFormat.CSV);
    }
}
