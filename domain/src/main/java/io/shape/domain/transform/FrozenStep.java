package io.shape.domain.transform;

import io.shape.domain.ShapeException;
import io.shape.domain.spec.InvalidSpecException;
import io.shape.domain.spec.StepSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A step fitted before the run (a transformer of a pickled scikit-learn {@code Pipeline}), applied exactly as
 * it was saved: nothing is refit, so to the engines it is stateless.
 *
 * @param name the step's path in the pickled pipeline, e.g. {@code pre/scale}
 * @param imputesMissingValues what the step of its class says ({@link Step#imputesMissingValues()})
 */
public record FrozenStep(String name, String sklearnClass, Map<String, Object> params, FittedTransform fitted,
                         boolean imputesMissingValues) implements StatelessStep {
    public FrozenStep {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * The step of {@code sklearnClass} with {@code params} checked as a spec's would be, restored from its
     * fitted {@code attributes} (scikit-learn's names, as in {@link FittedState}).
     *
     * @throws ShapeException {@code INVALID_INPUT} naming the step, the parameter or attribute
     */
    public static FrozenStep of(String path, String sklearnClass, Map<String, Object> params,
            int inputWidth, int outputWidth, Map<String, Object> attributes) {
        Step step;
        try {
            step = StepCatalog.build(new StepSpec(path, sklearnClass, params));
        } catch (InvalidSpecException e) {
            throw ShapeException.invalidInput(e.getMessage());
        }
        FittedTransform fitted = step.restore(new FittedState(path, sklearnClass, inputWidth, outputWidth, attributes));
        if (fitted.inputWidth() != inputWidth) {
            throw ShapeException.invalidInput("step '" + path + "' (" + sklearnClass + ") has n_features_in_ "
                    + inputWidth + " but its fitted attributes are for " + fitted.inputWidth() + " columns");
        }
        return new FrozenStep(path, sklearnClass, step.params(), fitted, step.imputesMissingValues());
    }

    @Override
    public OptionalInt fittedInputWidth() {
        return OptionalInt.of(fitted.inputWidth());
    }

    /** Per column, as its fitted transform says; after a step that answered for all columns at once, for all. */
    @Override
    public boolean[] missingAfter(boolean[] in) {
        if (in.length == fitted.inputWidth()) {
            return fitted.missingAfter(in);
        }
        boolean[] all = new boolean[fitted.inputWidth()];
        java.util.Arrays.fill(all, FittedTransform.anyOf(in));
        return fitted.missingAfter(all);
    }

    /** The width it was fitted to output, whatever it is given (a wrong input width is refused, not measured). */
    @Override
    public WidthRange outputWidths(WidthRange input) {
        return WidthRange.exactly(fitted.outputWidth());
    }

    @Override
    public FittedTransform bind(int inputWidth) {
        if (inputWidth != fitted.inputWidth()) {
            throw ShapeException.invalidInput("step '" + name + "' (" + sklearnClass + ") was fitted on "
                    + fitted.inputWidth() + " columns but is given " + inputWidth);
        }
        return fitted;
    }

    /** A saved state of a run names the same pickled step: the pickle's own fitted values stay authoritative. */
    @Override
    public FittedTransform restore(FittedState state) {
        return bind(state.inputWidth());
    }
}
