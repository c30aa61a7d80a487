package io.shape.domain.port;

import io.shape.domain.run.Run;
import io.shape.domain.run.RunMetrics;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.Pipeline;

import java.nio.file.Path;

/**
 * Out-port: the documents of a run — what {@code metrics.json}, {@code fitted_state.json} and
 * {@code run.json} hold — rendered for a {@link RunFolder} to store, and fitted state read back.
 */
public interface RunDocuments {
    byte[] metrics(RunMetrics metrics);

    byte[] fittedState(FittedPipeline fitted);

    /** The run record as {@code run.json} holds it. */
    byte[] run(Run run);

    /** The run record as {@code run.json} holds it, as one line of JSON (for {@code --json} output). */
    String toJson(Run run);

    /**
     * Reads state saved as {@link #fittedState} for {@code pipeline}.
     *
     * @throws io.shape.domain.ShapeException {@code INVALID_INPUT} when the file does not match the pipeline
     */
    FittedPipeline readFittedState(Path file, Pipeline pipeline);
}
