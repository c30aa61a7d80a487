package io.shape.domain.run;

/** Where a run writes: its output folder and the files in it (absolute paths or URIs). */
public record RunOutputs(String directory, String predictions, String metrics, String fittedState,
                         String runRecord, String format) {
}
