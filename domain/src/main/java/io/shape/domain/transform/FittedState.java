package io.shape.domain.transform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The fitted attributes of one step, named as scikit-learn names them ({@code quantiles_}, {@code mean_},
 * {@code scale_}, ...). Values are {@link Long}, {@link Double}, {@link Boolean}, {@link String},
 * {@code double[]} or {@code double[][]} (row-major), so any adapter can serialize them without knowing
 * the step; a saved state read back restores a bit-identical transform.
 */
public record FittedState(String step, String sklearnClass, int inputWidth, int outputWidth,
                          Map<String, Object> attributes) {
    public FittedState {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(sklearnClass, "sklearnClass");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
