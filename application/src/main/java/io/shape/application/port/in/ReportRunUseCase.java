package io.shape.application.port.in;

import io.shape.domain.run.Run;
import io.shape.domain.run.RunId;

import java.nio.file.Path;

/** Shows what a run found: writes {@code report.html} into its output folder. */
public interface ReportRunUseCase {
    /**
     * The report of a stored run.
     *
     * @throws io.shape.domain.ShapeException {@code USAGE} when no such run is stored, {@code INVALID_INPUT}
     *                                        when the run did not succeed or its predictions are gone
     */
    Path report(RunId id);

    /** The report of a run record at hand (e.g. one just finished, not yet in the store). */
    Path report(Run run);
}
