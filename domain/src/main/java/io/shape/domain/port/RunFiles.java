package io.shape.domain.port;

import io.shape.domain.run.Run;
import io.shape.domain.run.RunMetrics;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.Pipeline;

import java.nio.file.Path;

/**
 * Out-port: the files of a run's output folder other than the predictions ({@code metrics.json},
 * {@code fitted_state.json}, {@code run.json}), and reading fitted state back. Each file is written
 * atomically (temporary file, then rename).
 */
public interface RunFiles {
    void writeMetrics(Path file, RunMetrics metrics);

    void writeFittedState(Path file, FittedPipeline fitted, Pipeline pipeline);

    void writeRun(Path file, Run run);

    /** The run record as {@code run.json} holds it, as one line of JSON (for {@code --json} output). */
    String toJson(Run run);

    /**
     * Reads state saved by {@link #writeFittedState} for {@code pipeline}.
     *
     * @throws io.shape.domain.ShapeException {@code INVALID_INPUT} when the file does not match the pipeline
     */
    FittedPipeline readFittedState(Path file, Pipeline pipeline);
}
