package io.shape.domain.port;

import java.nio.file.Path;
import java.util.List;

/**
 * Out-port: writes a synthetic table shaped like a real one, for benchmarks and tests at sizes no seed
 * file has. Deterministic: the same source, rows and seed give the same table.
 */
public interface TableGenerator {
    /**
     * Writes {@code rows} rows with the columns of {@code source} to {@code output}: the {@code features}
     * drawn around the source's distribution, the other columns resampled (increasing ones kept increasing).
     *
     * @return the number of rows written
     * @throws io.shape.domain.ShapeException with {@code INVALID_INPUT} when the source is unreadable, lacks a
     *         feature, or {@code output} exists
     */
    long generate(Path source, List<String> features, long rows, long seed, Path output);
}
