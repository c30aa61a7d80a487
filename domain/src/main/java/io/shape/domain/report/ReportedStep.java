package io.shape.domain.report;

import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.FrozenStep;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.RoutedColumns;
import io.shape.domain.transform.Step;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One fitted step as a run report shows it: a spec's step, or a transformer of a pickled pipeline, a
 * ColumnTransformer's own transformers included (each after it, by path).
 *
 * @param path    the step's name in the spec, or its path in the pickled pipeline: {@code pre/cat} is the
 *                transformer {@code cat} of the ColumnTransformer {@code pre}, {@code pre/num/scale} the step
 *                {@code scale} of a Pipeline there
 * @param params  its parameters (a pickled step's as pickled)
 * @param columns the input columns it reads, when they have names: the pipeline's features for its first step, the
 *                columns a ColumnTransformer gives a transformer (its first step, when it is a Pipeline); else empty
 * @param state   its saved fitted state, which {@link FittedDrift} compares
 * @param shown   its fitted values for display ({@link FittedTransform#shownAttributes()})
 */
public record ReportedStep(String path, String sklearnClass, Map<String, Object> params, List<String> columns,
                           FittedState state, Map<String, Object> shown) {
    public ReportedStep {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sklearnClass, "sklearnClass");
        Objects.requireNonNull(state, "state");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        columns = List.copyOf(columns);
        shown = Collections.unmodifiableMap(new LinkedHashMap<>(shown));
    }

    /** Every step of {@code pipeline} as {@code fitted} applied it, in order; a ColumnTransformer's transformers after it. */
    public static List<ReportedStep> of(Pipeline pipeline, FittedPipeline fitted) {
        if (fitted.transforms().size() != pipeline.steps().size()) {
            throw new IllegalArgumentException("the pipeline has " + pipeline.steps().size() + " steps but "
                    + fitted.transforms().size() + " are fitted");
        }
        List<ReportedStep> steps = new ArrayList<>();
        for (int i = 0; i < pipeline.steps().size(); i++) {
            Step step = pipeline.steps().get(i);
            List<String> columns = i == 0 ? pipeline.features().stream().map(f -> "'" + f + "'").toList() : List.of();
            add(step.name(), step.sklearnClass(), step.params(), columns, fitted.transforms().get(i), steps);
        }
        return steps;
    }

    /** The saved states of {@code steps}, for {@link FittedDrift#between}. */
    public static List<FittedState> states(List<ReportedStep> steps) {
        return steps.stream().map(ReportedStep::state).toList();
    }

    private static void add(String path, String sklearnClass, Map<String, Object> params, List<String> columns,
                            FittedTransform fitted, List<ReportedStep> into) {
        into.add(new ReportedStep(path, sklearnClass, params, columns, fitted.state(), fitted.shownAttributes()));
        if (fitted instanceof RoutedColumns routed) {
            for (RoutedColumns.Route route : routed.routes()) {
                List<String> routeColumns = routed.columnNames(route);
                for (FrozenStep inner : route.chain()) {
                    add(inner.name(), inner.sklearnClass(), inner.params(), routeColumns, inner.fitted(), into);
                    routeColumns = List.of(); // a later step of a Pipeline reads the previous one's output
                }
            }
        }
    }
}
