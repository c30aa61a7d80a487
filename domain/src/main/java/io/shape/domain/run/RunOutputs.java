package io.shape.domain.run;

/** Where a run writes: its output folder and the files in it (absolute paths or URIs). */
public record RunOutputs(String directory, String predictions, String metrics, String fittedState,
                         String runRecord, String format) {
    /**
     * The hidden sibling of a predictions folder that an engine writes its part files into before one
     * rename publishes them ({@code .predictions.in-progress-<run id>}); what a killed run leaves behind, and
     * what the next start removes when it settles that run.
     */
    public static String stagingName(String predictionsFolderName, String runId) {
        return "." + predictionsFolderName + ".in-progress-" + runId;
    }
}
