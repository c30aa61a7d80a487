package io.shape.domain.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One step of {@code pipeline.jsonc} as written: {@code "name": {"SklearnClass": {params}}}.
 *
 * <p>Parameter values are plain JSON values: {@link Boolean}, {@link Long}, {@link Double}, {@link String},
 * {@link java.util.List} of those, or {@code null}. Nothing is validated here; the
 * step's class does that when {@code Pipeline.of} builds it ({@code Params}).
 */
public record StepSpec(String name, String sklearnClass, Map<String, Object> params) {
    public StepSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sklearnClass, "sklearnClass");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params == null ? Map.of() : params));
    }
}
