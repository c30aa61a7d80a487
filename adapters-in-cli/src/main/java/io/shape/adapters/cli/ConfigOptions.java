package io.shape.adapters.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Options every command shares: where configuration comes from and which adapters to use. */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (key=value lines; see README). Default: shape.properties if present.")
    Path config;

    @Option(names = "--run-store", paramLabel = "json|postgres", description = "Where run records are kept.")
    String runStore;

    @Option(names = "--predictions-sink", paramLabel = "none|postgres",
            description = "Where a copy of each successful run's predictions is stored. Default: none.")
    String predictionsSink;

    @Option(names = "--tracking", paramLabel = "none|mlflow", description = "Experiment tracking.")
    String tracking;

    @Option(names = "--tracking-uri", paramLabel = "URI", description = "MLflow tracking server, e.g. http://127.0.0.1:5000.")
    String trackingUri;

    @Option(names = "--events", paramLabel = "none|log|kafka", description = "Where run events go.")
    String events;

    @Option(names = {"-v", "--verbose"}, description = "Show library logs and stack traces.")
    boolean verbose;

    /** The configuration keys these options set. */
    Map<String, String> flags() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "config", config == null ? null : config.toString());
        put(m, "run-store", runStore);
        put(m, "predictions-sink", predictionsSink);
        put(m, "tracking", tracking);
        put(m, "tracking.uri", trackingUri);
        put(m, "events", events);
        if (verbose) {
            m.put("verbose", "true");
        }
        return m;
    }

    static void put(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
