package io.shape.domain.port;

import io.shape.domain.data.DataFormat;
import io.shape.domain.data.Dataset;
import io.shape.domain.model.Model;
import io.shape.domain.run.RunId;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.Pipeline;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an engine needs for one run.
 *
 * @param frozen          preprocessing state to score with instead of fitting ({@code --fitted-state})
 * @param predictionsDir  the folder to write part files and {@code _SUCCESS} into (path or URI); must not exist
 * @param options         engine settings from configuration (e.g. {@code master}, {@code spark.*} keys)
 */
public record ScoringJob(RunId runId, Dataset dataset, Pipeline pipeline, Model model,
                         Optional<FittedPipeline> frozen, String predictionsDir, DataFormat outputFormat,
                         Map<String, String> options) {
    public ScoringJob {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(frozen, "frozen");
        Objects.requireNonNull(predictionsDir, "predictionsDir");
        Objects.requireNonNull(outputFormat, "outputFormat");
        options = Map.copyOf(options);
    }
}
