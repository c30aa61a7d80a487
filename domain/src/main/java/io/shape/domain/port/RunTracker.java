package io.shape.domain.port;

import io.shape.domain.run.Run;

import java.nio.file.Path;
import java.util.List;

/**
 * Out-port: experiment tracking (MLflow). Observability, not the job: implementations bound their time
 * and report trouble by throwing {@link io.shape.domain.ShapeException} with kind {@code UNAVAILABLE},
 * which the use case records in the run and otherwise ignores.
 */
public interface RunTracker {
    /** Called once the run's inputs are known. */
    void started(Run run);

    /** Called once the run has ended, with the files worth keeping (spec, fitted state, metrics, run). */
    void ended(Run run, List<Path> artifacts);

    RunTracker NONE = new RunTracker() {
        @Override
        public void started(Run run) {
        }

        @Override
        public void ended(Run run, List<Path> artifacts) {
        }
    };
}
