package io.shape.domain.port;

/**
 * Out-port: something that executes a scoring job over a whole table (the local streaming engine, Spark).
 * The domain decides the math; the engine decides how rows are read, spread over cores or machines, and
 * written.
 */
public interface ComputeEngine {
    /** The name users select it by ({@code local}, {@code spark}). */
    String name();

    /**
     * Whether this engine can write predictions to {@code location}: a local path (or {@code file:} URI)
     * unless the engine writes through file systems named by other schemes too ({@code hdfs://}).
     */
    default boolean writesTo(String location) {
        return io.shape.domain.data.InputFiles.isLocal(location);
    }

    /**
     * Fits the pipeline's stateful steps on the job's data (unless the job carries frozen state), scores
     * every row, and writes the predictions folder, {@code _SUCCESS} last.
     *
     * @throws io.shape.domain.ShapeException with {@code INVALID_INPUT} for bad data, {@code CANCELLED} when
     *         the listener asked to stop; nothing under {@code predictions/} claims success then
     */
    ScoringResult score(ScoringJob job, ScoringListener listener);
}
