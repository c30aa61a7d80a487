package io.shape.bootstrap.contract;

import io.shape.adapters.spark.SparkEngine;
import io.shape.domain.port.ComputeEngine;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;

import java.util.Map;

/** The Spark engine under the engine contract, on one local[2] session, the input cut into 3 partitions. */
class SparkEngineContractTest extends EngineContract {
    private static SparkSession session;

    @Override
    protected ComputeEngine engine() {
        synchronized (SparkEngineContractTest.class) {
            if (session == null) {
                session = SparkSession.builder().master("local[2]").appName("shape-engine-contract")
                        .config("spark.ui.enabled", "false").config("spark.log.level", "WARN").getOrCreate();
            }
        }
        return new SparkEngine(session);
    }

    @Override
    protected Map<String, String> options() {
        return Map.of("partitions", "3");
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.stop();
            session = null;
        }
    }
}
