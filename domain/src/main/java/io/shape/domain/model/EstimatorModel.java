package io.shape.domain.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every fitted estimator model knows about itself apart from how it scores. */
abstract class EstimatorModel implements Model {
    private static final long serialVersionUID = 1L;

    private final String estimatorClass;
    private final int featureCount;
    private final List<Object> labels;
    private final Map<String, Object> description;
    private final List<String> warnings;

    EstimatorModel(String estimatorClass, int featureCount, List<Object> labels, Map<String, Object> description,
            List<String> warnings) {
        this.estimatorClass = estimatorClass;
        this.featureCount = featureCount;
        this.labels = List.copyOf(labels);
        this.description = Collections.unmodifiableMap(new LinkedHashMap<>(description));
        this.warnings = List.copyOf(warnings);
    }

    @Override
    public String estimatorClass() {
        return estimatorClass;
    }

    @Override
    public int featureCount() {
        return featureCount;
    }

    @Override
    public List<Object> labels() {
        return labels;
    }

    @Override
    public Map<String, Object> describe() {
        return description;
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return estimatorClass + description;
    }
}
