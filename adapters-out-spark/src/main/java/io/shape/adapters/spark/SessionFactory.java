package io.shape.adapters.spark;

import io.shape.domain.run.RunId;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Starts the session of one run: master, quiet logs and no UI unless configured otherwise. */
final class SessionFactory {
    private SessionFactory() {
    }

    static SparkSession create(RunId runId, EngineOptions options) {
        // SparkConf reads spark.* system properties, which is how spark-submit passes --master and --conf:
        // those win over our defaults, the job's own options win over both.
        SparkConf conf = new SparkConf().setAppName("shape " + runId.value());
        if (options.master() != null) {
            conf.setMaster(options.master());
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        conf.setIfMissing("spark.ui.enabled", "false");
        if (!options.verbose()) {
            conf.setIfMissing("spark.log.level", "WARN");
        }
        options.sparkConf().forEach(conf::set);
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
