package io.shape.adapters.persistence.pickle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds and reads the scikit-learn reference fixtures under {@code reference/fixtures}. */
final class Fixtures {
    private Fixtures() {
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("reference/fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("reference/fixtures not found above " + Path.of("").toAbsolutePath());
    }

    /** Rows of a CSV file as strings, without the header when {@code header} is true. */
    static List<String[]> csv(Path file, boolean header) {
        try {
            List<String> lines = Files.readAllLines(file);
            List<String[]> rows = new ArrayList<>();
            for (int i = header ? 1 : 0; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    rows.add(lines.get(i).split(",", -1));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> header(Path file) {
        try {
            return List.of(Files.readAllLines(file).get(0).split(","));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows as one row-major double array. */
    static double[] matrix(List<String[]> rows) {
        int width = rows.get(0).length;
        double[] x = new double[rows.size() * width];
        for (int r = 0; r < rows.size(); r++) {
            for (int j = 0; j < width; j++) {
                x[r * width + j] = Double.parseDouble(rows.get(r)[j]);
            }
        }
        return x;
    }
}
