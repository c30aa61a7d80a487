package io.shape.bootstrap;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Maps environment variables to setting keys: {@code SHAPE_<KEY>} for every key (dots and dashes as
 * underscores, e.g. {@code SHAPE_RUN_STORE}), the original Python project's names ({@code PIPELINE_FILE_PATH},
 * {@code DATA_FILE_PATH}, {@code DB_*}, {@code KAFKA_*}, ...), and MLflow's standard variables.
 */
final class EnvironmentNames {
    private static final Logger LOG = Logger.getLogger(EnvironmentNames.class.getName());

    private EnvironmentNames() {
    }

    static Map<String, String> toKeys(Map<String, String> env) {
        Map<String, String> m = new LinkedHashMap<>();
        original(env, m);
        for (String key : Settings.DEFAULTS.keySet()) {
            String name = "SHAPE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
            if (env.containsKey(name)) {
                m.put(key, env.get(name));
            }
        }
        return m;
    }

    private static void original(Map<String, String> env, Map<String, String> m) {
        copy(env, "PIPELINE_FILE_PATH", m, "spec");
        copy(env, "DATA_FILE_PATH", m, "data");
        copy(env, "ARTIFACT", m, "model");
        copy(env, "LOGS_DIR", m, "logs.dir");
        String framework = env.get("PIPELINE_FRAMEWORK");
        if (framework != null) {
            m.put("engine", switch (framework.strip().toLowerCase(Locale.ROOT)) {
                case "sklearn", "local" -> "local";
                case "sparkml", "spark" -> "spark";
                default -> framework;
            });
        }
        if (env.containsKey("METRICS_FILE_NAME")) {
            LOG.warning("METRICS_FILE_NAME is ignored: shape always writes metrics.json in the run's output folder");
        }
        copy(env, "KAFKA_SERVER", m, "kafka.bootstrap-servers");
        copy(env, "KAFKA_TOPIC", m, "kafka.topic");
        if (env.containsKey("DB_HOST") || env.containsKey("DB_NAME")) {
            m.put("postgres.url", "jdbc:postgresql://" + env.getOrDefault("DB_HOST", "127.0.0.1") + ":"
                    + env.getOrDefault("DB_PORT", "5432") + "/" + env.getOrDefault("DB_NAME", "postgres"));
        }
        copy(env, "DB_USER", m, "postgres.user");
        copy(env, "DB_PASSWORD", m, "postgres.password");
        String trace = env.get("TRACE_ENGINE");
        if (trace != null && trace.strip().equalsIgnoreCase("mlflow")) {
            m.put("tracking", "mlflow");
        }
        copy(env, "MLFLOW_TRACKING_URI", m, "tracking.uri");
        copy(env, "MLFLOW_TRACKING_TOKEN", m, "tracking.token");
        copy(env, "MLFLOW_TRACKING_USERNAME", m, "tracking.user");
        copy(env, "MLFLOW_TRACKING_PASSWORD", m, "tracking.password");
        copy(env, "MLFLOW_EXPERIMENT_NAME", m, "tracking.experiment");
    }

    private static void copy(Map<String, String> env, String name, Map<String, String> m, String key) {
        String v = env.get(name);
        if (v != null && !v.isBlank()) {
            m.put(key, v.strip());
        }
    }
}
