package io.shape.adapters.tracking.mlflow;

import io.shape.domain.run.Run;
import io.shape.domain.run.RunInputs;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A run's MLflow params: its inputs (spec, model class/path/sha256, dataset path/fingerprint) and its
 * recorded params flattened to dotted keys. Steps given as a list of objects with a {@code name} are keyed
 * by that name ({@code steps.scaler.class}); lists of plain values become one value ({@code [a, b]}).
 */
final class MlflowParams {
    private MlflowParams() {
    }

    static Map<String, String> of(Run run) {
        Map<String, String> params = new LinkedHashMap<>();
        put(params, "engine", run.engine());
        RunInputs in = run.inputs();
        if (in != null) {
            put(params, "spec.path", in.specPath());
            put(params, "spec.sha256", in.specSha256());
            put(params, "model.class", in.modelClass());
            put(params, "model.path", in.modelPath());
            put(params, "model.sha256", in.modelSha256());
            put(params, "dataset.path", in.dataPath());
            put(params, "dataset.fingerprint", in.dataFingerprint());
            put(params, "fitted_state", in.fittedState());
        }
        run.params().forEach((key, value) -> flatten(params, key, value));
        return params;
    }

    private static void flatten(Map<String, String> params, String key, Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                put(params, key, "{}");
            }
            map.forEach((k, v) -> flatten(params, key + "." + k, v));
        } else if (value instanceof Collection<?> list) {
            if (!list.isEmpty() && list.stream().allMatch(MlflowParams::isNamed)) {
                for (Object item : list) {
                    Map<?, ?> named = (Map<?, ?>) item;
                    String prefix = key + "." + named.get("name");
                    named.forEach((k, v) -> {
                        if (!"name".equals(k)) {
                            flatten(params, prefix + "." + k, v);
                        }
                    });
                }
            } else if (list.stream().anyMatch(item -> item instanceof Map || item instanceof Collection)) {
                int i = 0;
                for (Object item : list) {
                    flatten(params, key + "." + i++, item);
                }
            } else {
                put(params, key, list.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]")));
            }
        } else if (value != null) {
            put(params, key, String.valueOf(value));
        }
    }

    private static boolean isNamed(Object item) {
        return item instanceof Map<?, ?> map && map.get("name") != null;
    }

    private static void put(Map<String, String> params, String key, String value) {
        if (value != null) {
            params.put(MlflowLimits.key(key), MlflowLimits.value(value, MlflowLimits.PARAM_VALUE_LENGTH));
        }
    }
}
