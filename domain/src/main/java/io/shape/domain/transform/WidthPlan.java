package io.shape.domain.transform;

import io.shape.domain.ShapeException;
import io.shape.domain.model.Model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one rule on widths: every step's output width follows from the input width and the spec, so a
 * pipeline that would explode, or that cannot give the model its {@code n_features_in_}, is refused before
 * any row is read. A scoring run checks the plan right after loading the model; engines check the fitted
 * widths once more after fitting, because a SimpleImputer may drop columns the plan could only bound.
 */
public final class WidthPlan {
    /**
     * The widest row a step may output. A million doubles is 8 MB a row — already 32 GB for one batch of
     * 4,096 rows, beyond any machine shape runs on — and a hundred times scikit-learn's own degree-2 expansion
     * of 1,400 inputs; it also keeps every column index an {@code int}.
     */
    public static final long MAX_COLUMNS = 1_000_000;

    private final int features;
    private final List<Step> steps;
    private final List<WidthRange> outputs;

    private WidthPlan(int features, List<Step> steps, List<WidthRange> outputs) {
        this.features = features;
        this.steps = steps;
        this.outputs = outputs;
    }

    /** The widths of {@code pipeline}'s steps, from its feature count; measures, never refuses. */
    static WidthPlan of(Pipeline pipeline) {
        List<WidthRange> outputs = new ArrayList<>();
        WidthRange width = WidthRange.exactly(pipeline.features().size());
        for (Step step : pipeline.steps()) {
            width = step.outputWidths(width);
            outputs.add(width);
        }
        return new WidthPlan(pipeline.features().size(), pipeline.steps(), List.copyOf(outputs));
    }

    /** Each step's possible output widths, in order. */
    public List<WidthRange> outputs() {
        return outputs;
    }

    /**
     * Refuses a step fitted before the run on another width than it is given, a step wider than
     * {@link #MAX_COLUMNS}, or a last step whose width cannot be the model's
     * feature count; the message names the step, its width and the model's {@code n_features_in_}.
     */
    public void requireFits(Model model) {
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            WidthRange given = i == 0 ? WidthRange.exactly(features) : outputs.get(i - 1);
            java.util.OptionalInt fitted = s.fittedInputWidth();
            if (fitted.isPresent() && !given.contains(fitted.getAsInt())) {
                throw ShapeException.invalidInput(String.format(Locale.ROOT, "step '%s' (%s) was fitted on %d "
                        + "columns but the pipeline gives it %s (%s); score it with the columns it was fitted on",
                        s.name(), s.sklearnClass(), fitted.getAsInt(), given, chain()));
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            if (outputs.get(i).max() > MAX_COLUMNS) {
                Step s = steps.get(i);
                throw ShapeException.invalidInput(String.format(Locale.ROOT, "step '%s' (%s) would output %s "
                                + "columns, more than the %,d shape allows (%s); the %s model expects %d features",
                        s.name(), s.sklearnClass(), wide(outputs.get(i).max()), MAX_COLUMNS, chain(),
                        model.estimatorClass(), model.featureCount()));
            }
        }
        WidthRange last = outputs.isEmpty() ? WidthRange.exactly(features) : outputs.get(outputs.size() - 1);
        if (!last.contains(model.featureCount())) {
            String gives = last.min() == last.max() ? Long.toString(last.min())
                    : last.max() < model.featureCount() ? "at most " + last.max() : "at least " + last.min();
            throw mismatch(model, gives, chain());
        }
    }

    /** After fitting: the widths the data gave must be the model's feature count. */
    public static void requireFits(FittedPipeline fitted, Model model) {
        if (fitted.outputWidth() != model.featureCount()) {
            StringBuilder chain = new StringBuilder("features " + fitted.inputWidth());
            fitted.transforms().forEach(t -> chain.append(" -> ").append(t.state().step())
                    .append(" (").append(t.outputWidth()).append(')'));
            throw mismatch(model, Integer.toString(fitted.outputWidth()), chain.toString());
        }
    }

    private static ShapeException mismatch(Model model, String gives, String chain) {
        return ShapeException.invalidInput("the " + model.estimatorClass() + " model expects " + model.featureCount()
                + " features but the pipeline gives " + gives + " columns (" + chain + "); the spec's steps must "
                + "match the ones the model was trained after");
    }

    private String chain() {
        StringBuilder s = new StringBuilder("features " + features);
        for (int i = 0; i < steps.size(); i++) {
            s.append(" -> ").append(steps.get(i).name()).append(" (").append(outputs.get(i)).append(')');
        }
        return s.toString();
    }

    private static String wide(long width) {
        return width == WidthRange.SATURATED ? "at least " + String.format(Locale.ROOT, "%,d", width)
                : String.format(Locale.ROOT, "%,d", width);
    }
}
