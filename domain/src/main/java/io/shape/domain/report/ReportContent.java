package io.shape.domain.report;

import io.shape.domain.run.Run;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a run report shows, already summarized (sampled series, binned decisions), so rendering
 * never touches the run's rows.
 *
 * @param histogram empty when the model has no {@code decision_function}
 * @param fitted    each fitted step (a pickled ColumnTransformer's transformers too) with its fitted values; empty
 *                  when they could not be read (see {@code notes})
 * @param previous  the previous successful run of the same spec (or none) and model, compared with this one
 * @param notes     what the report could not show and why
 */
public record ReportContent(Run run, SeriesSample series, Optional<DecisionHistogram> histogram,
                            List<ReportedStep> fitted, Optional<RunComparison> previous, List<String> notes) {
    public ReportContent {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(histogram, "histogram");
        Objects.requireNonNull(previous, "previous");
        fitted = List.copyOf(fitted);
        notes = List.copyOf(notes);
    }
}
