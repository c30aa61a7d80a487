package io.shape.domain.port;

import io.shape.domain.run.Run;
import io.shape.domain.run.RunId;
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
    /** The file whose atomic creation claims an output folder for one run; it holds the run id. */
    String CLAIM_FILE = ".shape-run";

    /**
     * Claims {@code folder} for run {@code id} before anything is written into it: creates the folder if
     * needed, then its {@link #CLAIM_FILE} in one atomic step, so that of two runs given the same folder
     * exactly one gets it and the other writes nothing there.
     *
     * @throws io.shape.domain.ShapeException {@code USAGE} when another run holds the folder or it holds a run's
     *         files, or it cannot be written (read-only, not a folder)
     */
    void claimFolder(Path folder, RunId id);

    /**
     * Takes {@code _SUCCESS} out of a run's published predictions folder, for a run that failed after its
     * engine published them: a failed run never leaves a folder that claims to be complete. Never throws.
     *
     * @return whether a marker was there and is gone
     */
    boolean withdrawPredictions(Path predictionsFolder);

    void writeMetrics(Path file, RunMetrics metrics);

    void writeFittedState(Path file, FittedPipeline fitted);

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
