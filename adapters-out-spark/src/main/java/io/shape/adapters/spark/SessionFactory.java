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

    static SparkSession create(RunId runId, EngineOptions options) {
        return SparkSession.builder().config(conf(runId, options)).getOrCreate();
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
