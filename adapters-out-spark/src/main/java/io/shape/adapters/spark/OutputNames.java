package io.shape.adapters.spark;

import io.shape.domain.model.OutputSchema;

/**
 * The names a Spark ML stage gives the domain's output columns ({@link OutputSchema}): {@code prediction},
 * {@code decision_function} and its per-class {@code decision_function_<class>}, {@code probability_<class>}.
 *
 * @param prediction        replaces {@code prediction}
 * @param decision          replaces {@code decision_function}, also before {@code _<class>}
 * @param probabilityPrefix replaces {@code probability_} before {@code <class>}
 */
public record OutputNames(String prediction, String decision, String probabilityPrefix) implements java.io.Serializable {
    /** The names the command line writes. */
    public static final OutputNames DEFAULT = new OutputNames(OutputSchema.PREDICTION, OutputSchema.DECISION_FUNCTION,
            OutputSchema.PROBABILITY_PREFIX);

    String of(String column) {
        if (column.equals(OutputSchema.PREDICTION)) {
            return prediction;
        }
        if (column.equals(OutputSchema.DECISION_FUNCTION)) {
            return decision;
        }
        if (column.startsWith(OutputSchema.DECISION_PREFIX)) {
            return decision + "_" + column.substring(OutputSchema.DECISION_PREFIX.length());
        }
        if (column.startsWith(OutputSchema.PROBABILITY_PREFIX)) {
            return probabilityPrefix + column.substring(OutputSchema.PROBABILITY_PREFIX.length());
        }
        throw new IllegalArgumentException("not an output column: " + column);
    }
}
