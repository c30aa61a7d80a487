package io.shape.adapters.spark;

import io.shape.domain.ShapeException;

import java.util.Map;
import java.util.TreeMap;

/**
 * The engine settings a job may carry: {@code master}, {@code verbose}, {@code partitions}, {@code cache}
 * and any {@code spark.*} configuration key (passed to the session builder as is).
 */
record EngineOptions(String master, boolean verbose, int partitions, boolean cache, Map<String, String> sparkConf) {
    static final String MASTER = "master";
    static final String VERBOSE = "verbose";
    static final String PARTITIONS = "partitions";
    static final String CACHE = "cache";
    /**
     * Partitions per core when the job does not say: several, so a core that finishes early (or gets less
     * of a shared machine) takes more of the work rather than waiting for the slowest.
     */
    static final int PARTITIONS_PER_CORE = 4;

    static EngineOptions of(Map<String, String> options) {
        Map<String, String> conf = new TreeMap<>();
        options.forEach((key, value) -> {
            if (key.startsWith("spark.")) {
                conf.put(key, value);
            }
        });
        return new EngineOptions(options.get(MASTER), flag(options, VERBOSE, false),
                partitions(options.get(PARTITIONS)), flag(options, CACHE, true), conf);
    }

    private static boolean flag(Map<String, String> options, String key, boolean otherwise) {
        String value = options.get(key);
        if (value == null) {
            return otherwise;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new ShapeException(io.shape.domain.ErrorKind.USAGE,
                "engine option '" + key + "' must be true or false, not '" + value + "'");
    }

    /** 0 means: as many partitions as Spark's scan of the input has. */
    private static int partitions(String value) {
        if (value == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ShapeException(io.shape.domain.ErrorKind.USAGE,
                "engine option 'partitions' must be a positive whole number, not '" + value + "'");
    }
}
