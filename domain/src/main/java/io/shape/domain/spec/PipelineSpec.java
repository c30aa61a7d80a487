package io.shape.domain.spec;

import io.shape.domain.GivenPath;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code pipeline.jsonc} as written by its author: the preprocessing steps in order, where the model is,
 * and optionally which columns are the features. Use {@code Pipeline.of(spec)} to validate it.
 *
 * @param steps     the preprocessing steps, in order (the {@code model} entry excluded)
 * @param modelPath the {@code "model"} entry, as written (relative paths are resolved by the caller)
 * @param features  the top-level {@code "features"} list, when the spec names the feature columns
 */
public record PipelineSpec(List<StepSpec> steps, String modelPath, Optional<List<String>> features) {
    /** The feature columns of the original job's sensor data. */
    public static final List<String> DEFAULT_FEATURES = List.of("vibration_x", "vibration_y", "vibration_z");

    public PipelineSpec {
        steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
        Objects.requireNonNull(features, "features");
        if (modelPath != null) {
            // the one path a spec holds: refused here, whichever reader built the spec
            GivenPath.of("\"model\"", modelPath);
        }
        features = features.map(List::copyOf);
    }

    /** The feature columns to read from the data: the spec's list, else the original job's three. */
    public List<String> featureColumns() {
        return features.orElse(DEFAULT_FEATURES);
    }
}
