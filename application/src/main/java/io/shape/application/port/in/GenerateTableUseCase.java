package io.shape.application.port.in;

import java.nio.file.Path;
import java.util.List;

/** Writes a synthetic table shaped like a real one, for benchmarks and tests at sizes no sample has. */
public interface GenerateTableUseCase {
    /**
     * @param features the columns drawn around the source's distribution (the others are resampled)
     * @return the rows written
     */
    long generate(Path source, List<String> features, long rows, long seed, Path output);
}
