package io.shape.adapters.spark;

import io.shape.domain.run.RunId;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Starts the session of one run: master, quiet logs and no UI unless configured otherwise, and shape's jars
 * for executors in other JVMs.
 */
final class SessionFactory {
    private SessionFactory() {
    }

    /** Spark's setting for the least number of partitions a file scan is cut into. */
    static final String SCAN_PARTITIONS = "spark.sql.files.minPartitionNum";

    static SparkSession create(RunId runId, EngineOptions options) {
        SparkConf conf = conf(runId, options);
        SparkSession session = SparkSession.builder().config(conf).getOrCreate();
        if (!conf.contains(SCAN_PARTITIONS)) {
            // Spark cuts a file scan into about one split per core: the first pass over the input then waits
            // for the slowest core. Several per core keep every core busy to the end (splits end at row
            // groups, so a file with few row groups still gets fewer). The default depends on the cores,
            // known once the context runs; a session this engine owns is the only one it configures so.
            session.conf().set(SCAN_PARTITIONS,
                    String.valueOf(EngineOptions.PARTITIONS_PER_CORE * session.sparkContext().defaultParallelism()));
        }
        return session;
    }

    static SparkConf conf(RunId runId, EngineOptions options) {
        // SparkConf reads spark.* system properties, which is how spark-submit passes --master and --conf:
        // those win over our defaults, the job's own options win over both.
        SparkConf conf = new SparkConf().setIfMissing("spark.app.name", "shape " + runId.value());
        if (options.master() != null) {
            conf.setMaster(options.master());
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        conf.setIfMissing("spark.ui.enabled", "false");
        if (!options.verbose()) {
            conf.setIfMissing("spark.log.level", "WARN");
        }
        // Version 1 commits task output into the job's temporary folder and publishes it only at job commit:
        // a failed job leaves no part file visible, not just no _SUCCESS.
        conf.setIfMissing("spark.hadoop.mapreduce.fileoutputcommitter.algorithm.version", "1");
        options.sparkConf().forEach(conf::set);
        TaskJars.addTo(conf);
        return conf;
    }
}
