package io.shape.domain.transform;

import io.shape.domain.data.ColumnPlan;
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

    /**
     * Per feature column, whether it may hold NaN: whether NaN there never reaches the estimator, because a step
     * replaces it (an imputer, an encoder's NaN category) or drops the column, as scikit-learn's estimators
     * refuse NaN ({@code check_array}) — unless the estimator scores NaN itself ({@code Model.acceptsMissingValues}).
     */
    public boolean[] missingAccepted(boolean estimatorAcceptsMissing) {
        int width = features.size();
        boolean[] accepted = new boolean[width];
        if (estimatorAcceptsMissing) {
            java.util.Arrays.fill(accepted, true); // the steps pass NaN on, as scikit-learn's scalers do
            return accepted;
        }
        for (int c = 0; c < width; c++) {
            boolean[] nan = new boolean[width];
            nan[c] = true;
            for (Step step : steps) {
                nan = step.missingAfter(nan);
            }
            accepted[c] = !FittedTransform.anyOf(nan);
        }
        return accepted;
    }

    /**
     * How the table's feature columns are read: as the first step reads its input (text for an encoder's
     * categories, unread where a ColumnTransformer drops them; text or numbers, as the table has them, for an
     * encoder fitted on the run), numbers otherwise. Only the first step sees the table; a later one that would
     * read text is refused, as its input is numbers.
     *
     * @throws io.shape.domain.ShapeException INVALID_INPUT naming the step that would read text after another
     */
    public ColumnPlan columnPlan() {
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i) instanceof FrozenStep later && later.fitted().inputs().readsText()) {
                throw io.shape.domain.ShapeException.invalidInput("step '" + later.name() + "' (" + later.sklearnClass()
                        + ") encodes text categories but follows '" + steps.get(i - 1).name() + "', whose output is "
                        + "numbers; only the first step of a pipeline reads the table's text columns");
            }
        }
        if (!steps.isEmpty() && steps.get(0) instanceof FrozenStep first
                && first.fitted().inputWidth() == features.size()) {
            return first.fitted().inputs();
        }
        if (textSurvey().isPresent()) {
            return ColumnPlan.encoded(features.size());
        }
        return ColumnPlan.numbers(features.size());
    }

    /**
     * How the table is read when the pipeline's state was fitted before the run ({@code --fitted-state}): as its
     * fitted first step reads (an encoder's text by its fitted categories), not surveyed again.
     */
    public ColumnPlan columnPlan(java.util.Optional<FittedPipeline> frozen) {
        ColumnPlan plan = columnPlan();
        if (frozen.isEmpty() || frozen.get().transforms().isEmpty()) {
            return plan;
        }
        FittedTransform first = frozen.get().transforms().get(0);
        return first.inputWidth() == features.size() ? first.inputs() : ColumnPlan.numbers(features.size());
    }

    /** The survey of the table's text columns the first step needs before it is fitted, if it encodes text. */
    public java.util.Optional<io.shape.domain.transform.encode.TextSurvey> textSurvey() {
        return !steps.isEmpty() && steps.get(0) instanceof StatefulStep first ? first.textSurvey(features)
                : java.util.Optional.empty();
    }

}
