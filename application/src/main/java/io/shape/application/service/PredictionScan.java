package io.shape.application.service;

import io.shape.domain.ShapeException;
import io.shape.domain.port.TableColumns;
import io.shape.domain.report.DecisionHistogram;
import io.shape.domain.report.SeriesSample;
import io.shape.domain.report.SeriesSampler;
import io.shape.domain.run.Run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Streams a run's data and predictions side by side, twice at most: once over {@code decision_function} for
 * its range, then over everything to sample the feature series and bin the decisions. Memory stays bounded
 * by the sample size, whatever the row count.
 */
final class PredictionScan {
    static final String ROW = io.shape.domain.model.OutputSchema.ROW;
    static final String PREDICTION = io.shape.domain.model.OutputSchema.PREDICTION;
    static final String DECISION = io.shape.domain.model.OutputSchema.DECISION_FUNCTION;
    static final String TIME = "time";

    private final TableColumns tables;
    private final int maxBuckets;
    private final int anomalyCap;
    private final int histogramBins;
    private final List<String> notes = new ArrayList<>();

    PredictionScan(TableColumns tables, int maxBuckets, int anomalyCap, int histogramBins) {
        this.tables = tables;
        this.maxBuckets = maxBuckets;
        this.anomalyCap = anomalyCap;
        this.histogramBins = histogramBins;
    }

    /** The result of a scan. */
    record Result(SeriesSample series, Optional<DecisionHistogram> histogram, List<String> notes) {
    }

    Result scan(Run run, List<String> features, boolean markOutliers) {
        String predictions = run.outputs().predictions();
        List<String> predictionColumns = tables.names(predictions);
        boolean hasDecision = predictionColumns.contains(DECISION);
        boolean hasLabels = predictionColumns.contains(PREDICTION);
        DecisionHistogram.Builder bins = hasDecision ? decisionBins(predictions) : null;

        List<String> wanted = new ArrayList<>(List.of(ROW));
        if (hasLabels) {
            wanted.add(PREDICTION);
        }
        if (hasDecision) {
            wanted.add(DECISION);
        }
        DataColumns data = dataColumns(run, features);
        SeriesSampler sampler = new SeriesSampler(data.features(), run.metrics().rows(), maxBuckets, anomalyCap);
        int predictionAt = wanted.indexOf(PREDICTION);
        int decisionAt = wanted.indexOf(DECISION);
        boolean aligned = true;
        try (RowStream p = new RowStream(tables.open(predictions, wanted), wanted.size());
             RowStream d = data.open(tables)) {
            long position = 0;
            while (p.next()) {
                if (bins != null) {
                    bins.add(p.get(decisionAt));
                }
                boolean dataRow = d != null && aligned && d.next();
                if (d != null && aligned && (!dataRow || p.get(0) != position)) {
                    aligned = false;
                    notes.add("the predictions are not in input row order (row " + (long) p.get(0) + " at position "
                            + position + "), or the data changed since the run: the series stops there");
                }
                if (aligned && dataRow) {
                    boolean anomalous = markOutliers && predictionAt >= 0 && p.get(predictionAt) == -1;
                    double key = data.keyAt() >= 0 ? d.get(data.keyAt()) : position;
                    sampler.add(key, d.values(), d.offset() + data.firstFeature(), anomalous);
                }
                position++;
            }
        }
        String meaning = markOutliers && hasLabels ? "prediction = -1 (outlier)" : "";
        return new Result(sampler.finish(data.keyColumn(), meaning),
                Optional.ofNullable(bins).map(DecisionHistogram.Builder::finish), List.copyOf(notes));
    }

    /** First pass: the range of the decision values, to place the bins. */
    private DecisionHistogram.Builder decisionBins(String predictions) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        try (RowStream p = new RowStream(tables.open(predictions, List.of(DECISION)), 1)) {
            while (p.next()) {
                double v = p.get(0);
                if (!Double.isNaN(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return min <= max ? new DecisionHistogram.Builder(min, max, histogramBins) : new DecisionHistogram.Builder(0, 0, 1);
    }

    /** The data columns the series needs: {@code time} when the data has it, then the features. */
    private DataColumns dataColumns(Run run, List<String> features) {
        String location = run.inputs() == null ? null : run.inputs().dataPath();
        List<String> present;
        try {
            present = location == null ? List.of() : tables.names(location);
        } catch (ShapeException e) {
            notes.add("the data " + location + " cannot be read any more (" + e.getMessage()
                    + "): no feature series");
            return new DataColumns(null, List.of(), ROW, -1, 0);
        }
        List<String> shown = features.stream().filter(present::contains).toList();
        if (shown.size() < features.size()) {
            notes.add("the data no longer has every feature column: plotted " + shown + " of " + features);
        }
        List<String> columns = new ArrayList<>(shown);
        try {
            if (!columns.isEmpty()) {
                tables.open(location, columns).close(); // a text column is no series: said before the scan starts
            }
        } catch (ShapeException e) {
            notes.add("the data's feature columns cannot be read as numbers (" + e.getMessage() + "): no feature "
                    + "series");
            return new DataColumns(null, List.of(), ROW, -1, 0);
        }
        if (present.contains(TIME) && !shown.contains(TIME)) {
            columns.add(0, TIME);
            return new DataColumns(location, columns, TIME, 0, 1);
        }
        if (shown.contains(TIME)) {
            return new DataColumns(location, columns, TIME, columns.indexOf(TIME), 0);
        }
        return new DataColumns(location, columns, ROW, -1, 0);
    }

    /** Which data columns are read, where the key is among them (-1: the row position) and where features start. */
    private record DataColumns(String location, List<String> columns, String keyColumn, int keyAt,
                               int firstFeature) {
        List<String> features() {
            return columns.subList(firstFeature, columns.size());
        }

        RowStream open(TableColumns tables) {
            return location == null || columns.isEmpty() ? null
                    : new RowStream(tables.open(location, columns), columns.size());
        }
    }
}
