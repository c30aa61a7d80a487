package io.shape.domain.transform;

import io.shape.domain.spec.InvalidSpecException;
import io.shape.domain.spec.StepSpec;

/** The scikit-learn transformers shape implements, by class name. */
final class StepCatalog {
    private StepCatalog() {
    }

    static Step build(StepSpec spec) {
        throw new InvalidSpecException("step '" + spec.name() + "': unknown scikit-learn class '"
                + spec.sklearnClass() + "'");
    }
}
