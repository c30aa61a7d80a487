package io.shape.adapters.persistence.pickle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds and reads the scikit-learn reference fixtures under {@code reference/fixtures}, and holds how close a
 * score must be to scikit-learn's: public because the engine contract (bootstrap) scores the same fixtures.
 */
public final class Fixtures {
    /**
     * |java − sklearn| ≤ TOLERANCE · max(1, |sklearn|). Kernel sums follow OpenBLAS's ddot order (bit-identical
     * on the fixtures' machine except for the odd 1-ulp exp/tanh); one-output linear models go through BLAS
     * gemv in numpy, whose order we do not follow (last-bit differences).
     */
    public static final double TOLERANCE = 1e-12;

    private Fixtures() {
    }

    public static Path root() {
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

    /**
     * A fixture folder's own table: {@code data.parquet}, or {@code data.csv} (scored as pandas reads it back);
     * empty for a folder without one (a refused pickle that never loads).
     */
    public static Optional<Path> table(Path fixture) {
        for (String name : List.of("data.parquet", "data.csv")) {
            if (Files.exists(fixture.resolve(name))) {
                return Optional.of(fixture.resolve(name));
            }
        }
        return Optional.empty();
    }

    /** Rows of a CSV file as strings, without the header when {@code header} is true. */
    public static List<String[]> csv(Path file, boolean header) {
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

    public static List<String> header(Path file) {
        try {
            return List.of(Files.readAllLines(file).get(0).split(","));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows as one row-major double array ({@code nan}, Python's spelling of NaN, included). */
    public static double[] matrix(List<String[]> rows) {
        int width = rows.get(0).length;
        double[] x = new double[rows.size() * width];
        for (int r = 0; r < rows.size(); r++) {
            for (int j = 0; j < width; j++) {
                String cell = rows.get(r)[j];
                x[r * width + j] = cell.equals("nan") ? Double.NaN : Double.parseDouble(cell);
            }
        }
        return x;
    }

    /** Whether a score is within {@link #TOLERANCE} of scikit-learn's. */
    public static boolean closeEnough(double expected, double actual) {
        return Math.abs(expected - actual) <= TOLERANCE * Math.max(1.0, Math.abs(expected));
    }
}
