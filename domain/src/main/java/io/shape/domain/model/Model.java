package io.shape.domain.model;

import java.util.List;

/**
 * A fitted scikit-learn estimator that scores rows exactly as its {@code predict} and
 * {@code decision_function} do. Immutable, thread-safe, serializable (engines ship it to workers).
 */
public interface Model extends java.io.Serializable {
    /** The scikit-learn class, e.g. {@code OneClassSVM}. */
    String estimatorClass();

    /** {@code n_features_in_}: the width of the rows it scores. */
    int featureCount();

    /** Whether {@code predict} gives class labels (classifiers, outlier detectors) or numbers (regressors). */
    PredictionKind predictionKind();

    /**
     * The labels {@code predict} can give, for {@link PredictionKind#LABEL}: {@code classes_}, or
     * {@code [-1, 1]} for outlier detectors. Each is a {@link Long} or a {@link String}. Empty for regressors.
     */
    List<Object> labels();

    /** Whether {@code decision_function} gives one number per row (binary classifiers, outlier detectors). */
    boolean hasDecisionFunction();

    /**
     * Whether {@code decision_function} gives a matrix (more than two classes), written into
     * {@link Predictions#classDecision}: one value per label (one-vs-rest shape), or per class pair
     * ({@link #decisionColumns}).
     */
    default boolean hasClassDecisions() {
        return false;
    }

    /**
     * What each column of the decision matrix is, as its {@code decision_function_<suffix>} column names it: the
     * labels as scikit-learn prints them (one-vs-rest), or {@code <i>_vs_<j>} per class pair (SVC's 'ovo'
     * shape); none without {@link #hasClassDecisions}.
     */
    default List<String> decisionColumns() {
        return hasClassDecisions() ? labels().stream().map(String::valueOf).toList() : List.of();
    }

    /**
     * Whether the model scores rows holding NaN, as scikit-learn 1.6.1's does instead of refusing them
     * ({@code allow_nan}): the tree models that route missing values ({@code missing_go_to_left}),
     * IsolationForest. NaN in a feature column is then no input error ({@code Pipeline.missingAccepted}).
     */
    default boolean acceptsMissingValues() {
        return false;
    }

    /**
     * Whether the model gives {@code predict_proba}: one probability per label of {@link #labels()}, written
     * into {@link Predictions#probability} (LogisticRegression, SVC and NuSVC fitted with probability=True).
     */
    default boolean hasProbabilities() {
        return false;
    }

    /** The estimator's parameters worth recording (kernel, gamma, C, ...), by scikit-learn name. */
    java.util.Map<String, Object> describe();

    /**
     * How many {@link Predictions#scratch} values {@link #score} needs for a batch of {@code rows}.
     * Size the {@link Predictions} with it.
     */
    default int scratchSize(int rows) {
        return 0;
    }

    /**
     * What the user should know about this model, e.g. that it was saved by a scikit-learn version shape
     * was not tested with. Empty when there is nothing to say.
     */
    default List<String> warnings() {
        return List.of();
    }

    /**
     * Scores {@code rows} row-major rows of {@code x} ({@link #featureCount()} wide) into {@code out}.
     * Allocation-free: implementations keep their scratch in {@code out}.
     */
    void score(double[] x, int rows, Predictions out);

    /** Rows a {@link #scoreColumns} call takes at most. */
    int COLUMN_BLOCK_ROWS = RowBlock.SIZE;

    /** Whether {@link #scoreColumns} is implemented. */
    default boolean scoresColumns() {
        return false;
    }

    /**
     * {@link #score} for up to {@link #COLUMN_BLOCK_ROWS} rows given column-major ({@code columns[j][r]}),
     * into {@code out} from index {@code offset}: the same values to the bit, without transposing the rows
     * first. Only when {@link #scoresColumns()}.
     */
    default void scoreColumns(double[][] columns, int rows, Predictions out, int offset) {
        throw new UnsupportedOperationException(estimatorClass() + " scores rows only");
    }
}
