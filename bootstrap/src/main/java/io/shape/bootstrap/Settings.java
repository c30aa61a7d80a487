package io.shape.bootstrap;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * shape's configuration, layered: defaults &lt; config file &lt; environment (a {@code .env} file in the
 * working directory, then the process environment) &lt; command-line flags. Keys are validated: an unknown
 * key in a config file fails with the closest known key as a suggestion.
 */
public final class Settings {
    /** Every key shape knows, with its default (null: no default). */
    static final Map<String, String> DEFAULTS = defaults();

    /** Secrets: never printed or logged. */
    static final List<String> SECRETS = List.of("postgres.password", "tracking.token", "tracking.password",
            "grpc.token");

    /** Open families of keys passed through to a library as they are. */
    static final List<String> PASS_THROUGH = List.of("kafka.producer.");

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("config", null);
        d.put("spec", "artifacts/pipeline.jsonc");
        d.put("data", "data/dataset.parquet");
        d.put("model", null);
        d.put("engine", "local");
        d.put("format", "parquet");
        d.put("output.root", "output");
        d.put("logs.dir", "logs");
        d.put("run-store", "json");
        d.put("run-store.path", ".shape/runs");
        d.put("predictions-sink", "none");
        d.put("postgres.url", null);
        d.put("postgres.user", null);
        d.put("postgres.password", null);
        d.put("tracking", "none");
        d.put("tracking.uri", null);
        d.put("tracking.experiment", "shape");
        d.put("tracking.token", null);
        d.put("tracking.user", null);
        d.put("tracking.password", null);
        d.put("events", "log");
        d.put("events.spool", ".shape/events-spool");
        d.put("kafka.bootstrap-servers", null);
        d.put("kafka.topic", "shape-runs");
        // No default here: the engine falls back to local[*] unless spark-submit already chose a master.
        d.put("spark.master", null);
        d.put("grpc.port", "7070");
        d.put("grpc.bind", "127.0.0.1");
        d.put("grpc.token", null);
        d.put("grpc.tls.cert", null);
        d.put("grpc.tls.key", null);
        d.put("grpc.tls.trust", null);
        d.put("grpc.allowed-roots", null);
        d.put("grpc.run-threads", "2");
        d.put("grpc.run-queue", "32");
        d.put("verbose", "false");
        return Collections.unmodifiableMap(d);
    }

    /**
     * Resolves the settings for one invocation.
     *
     * @param workingDir where {@code .env} and {@code shape.properties} are looked for
     * @param environment the process environment
     * @param flags       keys set on the command line
     */
    public static Settings resolve(Path workingDir, Map<String, String> environment, Map<String, String> flags) {
        Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
        Map<String, String> dotEnv = DotEnv.read(workingDir.resolve(".env"));
        Map<String, String> env = new LinkedHashMap<>(dotEnv);
        env.putAll(environment);

        String configFile = flags.getOrDefault("config", env.get("SHAPE_CONFIG"));
        Path config = configFile != null ? workingDir.resolve(configFile) : workingDir.resolve("shape.properties");
        if (configFile != null && !Files.isRegularFile(config)) {
            throw new ShapeException(ErrorKind.USAGE, "config file " + config + " not found");
        }
        if (Files.isRegularFile(config)) {
            v.putAll(readConfigFile(config));
        }
        v.putAll(EnvironmentNames.toKeys(env));
        for (Map.Entry<String, String> f : flags.entrySet()) {
            requireKnown(f.getKey(), "command line");
            v.put(f.getKey(), f.getValue());
        }
        return new Settings(v);
    }

    public String get(String key) {
        if (!DEFAULTS.containsKey(key) && !isPassThrough(key)) {
            throw new IllegalArgumentException("unknown setting " + key);
        }
        return values.get(key);
    }

    public String require(String key, String hint) {
        String v = get(key);
        if (v == null || v.isBlank()) {
            throw new ShapeException(ErrorKind.USAGE, "setting '" + key + "' is required: " + hint);
        }
        return v;
    }

    /** A whole-number setting of at least {@code min}; a usage error naming the key otherwise. */
    public int integer(String key, int min) {
        String v = get(key);
        try {
            int n = Integer.parseInt(v == null ? "" : v.strip());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ShapeException(ErrorKind.USAGE, "setting '" + key + "' is '" + v + "': give a whole number of at "
                + "least " + min);
    }

    /**
     * A setting that names one of {@code type}'s constants (lower case: {@code run-store=postgres} is
     * {@code POSTGRES}); a usage error naming {@code what} and the choices otherwise.
     */
    public <E extends Enum<E>> E choice(String key, String what, Class<E> type) {
        String v = get(key);
        E[] options = type.getEnumConstants();
        for (E option : options) {
            if (option.name().toLowerCase(java.util.Locale.ROOT).equals(v == null ? null : v.strip())) {
                return option;
            }
        }
        List<String> names = java.util.Arrays.stream(options).map(o -> o.name().toLowerCase(java.util.Locale.ROOT))
                .toList();
        String choices = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        throw new ShapeException(ErrorKind.USAGE, "unknown " + what + " '" + v + "': use " + choices);
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(get(key));
    }

    /** The settings as text, secrets masked (for --verbose diagnostics). */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        values.forEach((k, val) -> {
            if (val != null) {
                shown.put(k, SECRETS.contains(k) || k.contains("password") || k.contains("jaas") ? "****" : val);
            }
        });
        return shown.toString();
    }

    private static Map<String, String> readConfigFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new ShapeException(ErrorKind.USAGE, "cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            requireKnown(key, "config file " + file);
            m.put(key, p.getProperty(key).trim());
        }
        return m;
    }

    /** The pass-through keys under {@code prefix}, without the prefix (e.g. Kafka's {@code sasl.mechanism}). */
    public Map<String, String> family(String prefix) {
        Map<String, String> m = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix) && v != null) {
                m.put(k.substring(prefix.length()), v);
            }
        });
        return m;
    }

    private static boolean isPassThrough(String key) {
        return PASS_THROUGH.stream().anyMatch(p -> key.startsWith(p) && key.length() > p.length());
    }

    static void requireKnown(String key, String where) {
        if (DEFAULTS.containsKey(key) || isPassThrough(key)) {
            return;
        }
        String closest = DEFAULTS.keySet().stream()
                .min(Comparator.comparingInt(k -> distance(k, key))).orElse("");
        throw new ShapeException(ErrorKind.USAGE, "unknown setting '" + key + "' in " + where
                + (distance(closest, key) <= 4 ? " — did you mean '" + closest + "'?" : "")
                + " (known: " + String.join(", ", DEFAULTS.keySet()) + ")");
    }

    /** Levenshtein distance, for suggestions. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
