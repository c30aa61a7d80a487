package io.shape.application.service;

import io.shape.domain.model.Model;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.Step;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The flat parameter list of a run, for its record and for tracking: every step's class and parameters,
 * the features, the model's class and parameters.
 */
final class RunParams {
    private RunParams() {
    }

    static Map<String, Object> of(Pipeline pipeline, Model model) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("features", String.join(",", pipeline.features()));
        for (Step step : pipeline.steps()) {
            String prefix = "step." + step.name() + ".";
            params.put(prefix + "class", step.sklearnClass());
            step.params().forEach((k, v) -> params.put(prefix + k, v));
        }
        params.put("model.class", model.estimatorClass());
        params.put("model.n_features_in", model.featureCount());
        model.describe().forEach((k, v) -> params.put("model." + k, v));
        if (!model.warnings().isEmpty()) {
            params.put("model.warnings", String.join("; ", model.warnings()));
        }
        return params;
    }
}
