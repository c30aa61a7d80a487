package io.shape.adapters.tracking.mlflow;

import java.util.regex.Pattern;

/**
 * MLflow's limits on names and values, applied before sending so a long spec parameter never makes the
 * server reject a whole batch.
 */
final class MlflowLimits {
    /** Longest key the server accepts (params, metrics, tags). */
    static final int KEY_LENGTH = 250;
    /** Longest param value (6000 since MLflow 2.x). */
    static final int PARAM_VALUE_LENGTH = 6000;
    /** Longest tag value we send: 5000 is the smallest limit of current servers (newer allow 8000). */
    static final int TAG_VALUE_LENGTH = 5000;
    /** log-batch takes at most 100 params and 1000 entities per request. */
    static final int PARAMS_PER_BATCH = 100;
    static final int ENTITIES_PER_BATCH = 1000;

    /** Keys may hold letters, digits, underscores, dashes, periods, spaces and slashes. */
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Za-z0-9_\\-. /]");

    private MlflowLimits() {
    }

    static String key(String raw) {
        String key = NOT_ALLOWED.matcher(raw).replaceAll("_");
        return key.length() <= KEY_LENGTH ? key : key.substring(0, KEY_LENGTH);
    }

    /** Cuts a value to {@code limit} characters, saying so at its end. */
    static String value(String raw, int limit) {
        return raw == null ? null : io.shape.domain.Excerpt.cut(raw, limit);
    }
}
