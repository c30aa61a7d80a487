package io.shape.domain.port;

import java.util.List;

/**
 * A run's predictions read once, in batches (e.g. from the part files of its output folder), so a
 * {@link PredictionsSink} can take millions of rows without holding them.
 */
public interface PredictionRows {
    /**
     * The text of each label, by label index ({@code "-1"}, {@code "1"} for outlier detectors, as in
     * {@code prediction_counts}); empty when predictions are numbers (regressors).
     */
    List<String> labels();

    /** Whether the rows carry a {@code decision_function} value. */
    boolean hasDecision();

    /**
     * Fills {@code batch} from index 0 with the next rows and returns how many it filled (at most
     * {@code batch.capacity}); 0 when there are no rows left.
     */
    int next(PredictionBatch batch);
}
