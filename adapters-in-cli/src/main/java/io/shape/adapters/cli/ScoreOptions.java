package io.shape.adapters.cli;

import io.shape.domain.ErrorKind;
import io.shape.domain.GivenPath;
import io.shape.domain.ShapeException;
import io.shape.domain.data.DataFormat;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What to score and how, as {@code score} and {@code submit} both take it. */
final class ScoreOptions {
    @Option(names = "--spec", paramLabel = "FILE", description = "Pipeline spec (JSON with comments): its steps are fitted on the data. Default: artifacts/pipeline.jsonc, unless --model is given.")
    String specFile;

    @Option(names = "--data", paramLabel = "PATH", description = "Parquet file, folder of parquet files, or CSV with a header. Default: data/dataset.parquet.")
    String data;

    @Option(names = "--model", paramLabel = "FILE", description = "Fitted scikit-learn Pipeline or estimator pickle. Without --spec it is the whole pipeline, applied as pickled; with --spec it replaces the spec's \"model\" entry.")
    String model;

    @Option(names = "--features", paramLabel = "COLUMNS", split = ",", description = "The table's columns to score, in order, for a model fitted without column names. Default: the model's feature_names_in_, else the spec's \"features\".")
    java.util.List<String> features;

    @Option(names = "--output", paramLabel = "DIR", description = "Output folder. Default: output/<run-id>.")
    String output;

    @Option(names = "--engine", paramLabel = "local|spark", description = "Compute engine. Default: local.")
    String engine;

    @Option(names = "--format", paramLabel = "parquet|csv", description = "Predictions format. Default: parquet.")
    String format;

    @Option(names = "--fitted-state", paramLabel = "FILE", description = "Score with the fitted_state.json of an earlier run instead of fitting.")
    String fittedState;

    /** Adds the options that the configuration may also set (spec, data, engine, format) to {@code flags}. */
    void addTo(Map<String, String> flags) {
        ConfigOptions.put(flags, "spec", specFile);
        ConfigOptions.put(flags, "data", data);
        ConfigOptions.put(flags, "engine", engine);
        ConfigOptions.put(flags, "format", format);
    }

    /**
     * The spec: the one given (flag or configuration); without a {@code --spec} flag, a {@code --model} flag
     * means the pickle is the whole pipeline (the default spec of the repository would add its steps).
     */
    Optional<Path> spec(String configured) {
        if (specFile == null && model != null) {
            return Optional.empty();
        }
        return Optional.of(GivenPath.of("--spec", configured));
    }

    java.util.List<String> features() {
        return features == null ? java.util.List.of() : features.stream().map(String::strip).toList();
    }

    // Paths are kept as text until here, so that one that is not a path is refused naming its flag (exit 3),
    // not by picocli's converter with an exception's text and the usage (exit 2).
    Optional<Path> model() {
        return Optional.ofNullable(model).map(m -> GivenPath.of("--model", m));
    }

    /** A path or a file system URI ({@code hdfs:///runs/today}); the command checks which. */
    Optional<String> output() {
        return Optional.ofNullable(output);
    }

    Optional<Path> fittedState() {
        return Optional.ofNullable(fittedState).map(f -> GivenPath.of("--fitted-state", f));
    }

    /** The predictions format a setting names; a usage error for any other. */
    static DataFormat parseFormat(String text) {
        try {
            return DataFormat.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ShapeException(ErrorKind.USAGE, "unknown --format '" + text + "': use parquet or csv");
        }
    }
}
