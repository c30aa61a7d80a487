package io.shape.domain.transform;

import io.shape.domain.spec.InvalidSpecException;
import io.shape.domain.spec.PipelineSpec;
import io.shape.domain.spec.StepSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * A validated pipeline: the feature columns and the preprocessing steps, in order. Built from a
 * {@link PipelineSpec}, it refuses what scikit-learn would refuse, naming the step and the parameter.
 */
public record Pipeline(List<String> features, List<Step> steps) implements java.io.Serializable {
    public Pipeline {
        features = List.copyOf(features);
        steps = List.copyOf(steps);
        if (features.isEmpty()) {
            throw new InvalidSpecException("the pipeline has no feature columns: list them in \"features\"");
        }
    }

    /** Validates the spec's steps (dispatching on the scikit-learn class, never on the step name). */
    public static Pipeline of(PipelineSpec spec) {
        if (spec.steps().isEmpty()) {
            throw new InvalidSpecException(
                    "the pipeline has no steps: add at least one preprocessing step before \"model\"");
        }
        return new Pipeline(spec.featureColumns(), stepsOf(spec));
    }

    /** The spec's steps, validated, in order (none when it lists none). */
    public static List<Step> stepsOf(PipelineSpec spec) {
        List<Step> steps = new ArrayList<>();
        for (StepSpec s : spec.steps()) {
            steps.add(StepCatalog.build(s));
        }
        return steps;
    }

    /** Every step's output width, from the feature count alone: what {@link WidthPlan#requireFits} checks. */
    public WidthPlan widths() {
        return WidthPlan.of(this);
    }

    /** Whether a step replaces missing values (NaN), so NaN in the features is not an input error. */
    public boolean acceptsMissingValues() {
        return steps.stream().anyMatch(Step::imputesMissingValues);
    }

}
