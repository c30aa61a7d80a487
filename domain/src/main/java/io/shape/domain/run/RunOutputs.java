package io.shape.domain.run;

import io.shape.domain.data.DataFormat;

import java.util.Locale;

/** Where a run writes: its output folder and the files in it (absolute paths or URIs). */
public record RunOutputs(String directory, String predictions, String metrics, String fittedState,
                         String runRecord, String format) {
    /** The folder of prediction part files (with {@code _SUCCESS} last). */
    public static final String PREDICTIONS = "predictions";
    public static final String METRICS = "metrics.json";
    public static final String FITTED_STATE = "fitted_state.json";
    /** The run record, written once when the run has ended. */
    public static final String RUN_RECORD = "run.json";
    /** The page {@code --report} asks for. */
    public static final String REPORT = "report.html";

    /**
     * The outputs of a run whose folder is {@code folder}: an absolute local path or a file system URI
     * ({@code hdfs:///runs/today}); the file names are joined with {@code /}, which both understand.
     */
    public static RunOutputs in(String folder, DataFormat format) {
        String dir = folder.length() > 1 && folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
        return new RunOutputs(dir, dir + "/" + PREDICTIONS, dir + "/" + METRICS, dir + "/" + FITTED_STATE,
                dir + "/" + RUN_RECORD, format.name().toLowerCase(Locale.ROOT));
    }

    /** {@code name} in the output folder. */
    public String file(String name) {
        return directory + "/" + name;
    }

    /**
     * The hidden sibling of a predictions folder that an engine writes its part files into before one
     * rename publishes them ({@code .predictions.in-progress-<run id>}); what a killed run leaves behind, and
     * what the next start removes when it settles that run.
     */
    public static String stagingName(String predictionsFolderName, String runId) {
        return "." + predictionsFolderName + ".in-progress-" + runId;
    }
}
