package io.shape.adapters.spark;

import org.apache.spark.sql.SparkSession;

/** One local[2] session for every test class of the JVM: starting Spark is the slow part of a test. */
final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("shape-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.log.level", "WARN")
                    .getOrCreate();
        }
        return session;
    }

    /** Runs {@code body} with SQL settings changed, restoring them afterwards. */
    static void withConf(java.util.Map<String, String> conf, Runnable body) {
        SparkSession spark = session();
        java.util.Map<String, String> before = new java.util.HashMap<>();
        conf.forEach((k, v) -> {
            before.put(k, spark.conf().get(k, null));
            spark.conf().set(k, v);
        });
        try {
            body.run();
        } finally {
            before.forEach((k, v) -> {
                if (v == null) {
                    spark.conf().unset(k);
                } else {
                    spark.conf().set(k, v);
                }
            });
        }
    }
}
