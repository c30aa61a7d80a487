package io.shape.domain.run;

/**
 * What a run read, with fingerprints so a result can be traced to its exact inputs. Fields are null until
 * known (a run can fail before it has read its model).
 *
 * @param dataFingerprint sha256 over the data files' names, sizes and modification times (cheap for
 *                        gigabytes; a content hash would read the table once more)
 * @param fittedState     the {@code --fitted-state} file scored with, or null when the run fitted
 */
public record RunInputs(String specPath, String specSha256, String modelPath, String modelSha256,
                        String modelClass, String dataPath, String dataFingerprint, String fittedState) {
    public static RunInputs of(String specPath, String dataPath) {
        return new RunInputs(specPath, null, null, null, null, dataPath, null, null);
    }

    /** These inputs, with the class of the model they were found to hold. */
    public RunInputs withModelClass(String modelClass) {
        return new RunInputs(specPath, specSha256, modelPath, modelSha256, modelClass, dataPath, dataFingerprint,
                fittedState);
    }
}
