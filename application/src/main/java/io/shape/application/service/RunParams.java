package io.shape.application.service;

import io.shape.domain.model.Model;
import io.shape.domain.transform.FrozenStep;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.RoutedColumns;
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
            describe(step, params);
        }
        params.put("model.class", model.estimatorClass());
        params.put("model.n_features_in", model.featureCount());
        model.describe().forEach((k, v) -> params.put("model." + k, v));
        if (!model.warnings().isEmpty()) {
            params.put("model.warnings", String.join("; ", model.warnings()));
        }
        return params;
    }

    /** A step's class and parameters; a fitted ColumnTransformer's also each transformer's, by its path, and columns. */
    private static void describe(Step step, Map<String, Object> params) {
        String prefix = "step." + step.name() + ".";
        params.put(prefix + "class", step.sklearnClass());
        step.params().forEach((k, v) -> params.put(prefix + k, v));
        if (step instanceof FrozenStep frozen && frozen.fitted() instanceof RoutedColumns routed) {
            for (RoutedColumns.Route route : routed.routes()) {
                String path = "step." + step.name() + "/" + route.name() + ".";
                params.put(path + "columns", String.join(",", routed.columnNames(route)));
                if (route.chain().isEmpty()) {
                    params.put(path + "class", "passthrough");
                }
                route.chain().forEach(inner -> describe(inner, params));
            }
        }
    }
}
