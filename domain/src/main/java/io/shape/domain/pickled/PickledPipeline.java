package io.shape.domain.pickled;

import io.shape.domain.Excerpt;
import io.shape.domain.ShapeException;
import io.shape.domain.model.Model;
import io.shape.domain.spec.PipelineSpec;
import io.shape.domain.transform.FrozenStep;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a model pickle holds: a fitted scikit-learn {@code Pipeline} — its fitted transformers, applied as they
 * were pickled, then its estimator — or a bare fitted estimator, which is a pipeline without steps.
 *
 * @param featureNames {@code feature_names_in_}: the table's columns it was fitted on, in order; empty when it
 *                     was fitted on an array without column names
 */
public record PickledPipeline(List<FrozenStep> steps, Model estimator, List<String> featureNames) {
    public PickledPipeline {
        steps = List.copyOf(steps);
        Objects.requireNonNull(estimator, "estimator");
        featureNames = List.copyOf(featureNames);
    }

    /** A bare estimator, as {@code pickle.dump(estimator)} gives it. */
    public static PickledPipeline of(Model estimator) {
        return new PickledPipeline(List.of(), estimator, List.of());
    }

    /**
     * Reads the unpickled root object: a {@code Pipeline} (nested pipelines, {@code 'passthrough'} and
     * {@code None} steps included) or an estimator.
     *
     * @param pythonClass the root's qualified class, e.g. {@code sklearn.pipeline.Pipeline}
     * @param state       its {@code __dict__} as neutral values; objects inside it are maps with a
     *                    {@code "__class__"} entry
     * @param source      what to name in messages (the file)
     * @throws io.shape.domain.ShapeException {@code INVALID_INPUT} naming the source, the step path and the class
     */
    public static PickledPipeline read(String pythonClass, Map<String, Object> state, String source) {
        return new PipelineReader(source).read(pythonClass, state);
    }

    /**
     * The pipeline a run scores with this model: the spec's steps (fitted on the data), then the pickled ones (as
     * pickled), over the table's columns the model names in {@code feature_names_in_}. A model fitted on an array
     * without names, or placed after spec steps (which output unnamed columns), scores the columns
     * {@code requested} by the user ({@code --features}), else the spec's. A bare estimator after a spec, with no
     * columns requested, is the original job: the spec's pipeline as {@link Pipeline#of} validates it.
     *
     * @param spec      the run's spec, if it has one
     * @param requested the columns the user listed, empty when none
     * @param source    what to name in messages ({@code model file <path>})
     * @throws io.shape.domain.ShapeException {@code INVALID_INPUT} when the columns are unknown or contradict the
     *         model's names
     */
    public Pipeline scoredAfter(Optional<PipelineSpec> spec, List<String> requested, String source) {
        if (spec.isPresent() && steps.isEmpty() && requested.isEmpty()) {
            return Pipeline.of(spec.get());
        }
        List<Step> all = new ArrayList<>(spec.map(Pipeline::stepsOf).orElse(List.of()));
        boolean namesTheTable = !featureNames.isEmpty() && all.isEmpty();
        all.addAll(steps);
        if (namesTheTable) {
            requireSame(requested, "--features");
            spec.flatMap(PipelineSpec::features).ifPresent(f -> requireSame(f, "the spec's \"features\""));
            return new Pipeline(featureNames, all);
        }
        if (!requested.isEmpty()) {
            return new Pipeline(requested, all);
        }
        if (spec.isPresent()) {
            return new Pipeline(spec.get().featureColumns(), all);
        }
        throw ShapeException.invalidInput(source + ": " + estimator.estimatorClass() + " was fitted "
                + "on an array without column names; name the " + estimator.featureCount() + " columns to score, in the "
                + "order it was fitted on, with --features a,b,c");
    }

    private void requireSame(List<String> columns, String given) {
        if (!columns.isEmpty() && !columns.equals(featureNames)) {
            throw ShapeException.invalidInput(given + " (" + Excerpt.of(columns) + ") differ from the columns the model "
                    + "was fitted on (" + Excerpt.of(featureNames) + "), which it reads by name; leave " + given + " out");
        }
    }

    /** Every qualified Python class {@link #read} accepts as an object of the pickle. */
    public static Set<String> supportedClasses() {
        return PipelineReader.supportedClasses();
    }
}
