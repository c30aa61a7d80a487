package io.shape.application.service;

import io.shape.application.port.in.ReportRunUseCase;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.data.Fingerprints;
import io.shape.domain.port.RunDocuments;
import io.shape.domain.port.RunReports;
import io.shape.domain.port.RunRepository;
import io.shape.domain.port.SpecReader;
import io.shape.domain.port.TableColumns;
import io.shape.domain.report.Anomalies;
import io.shape.domain.report.FittedDrift;
import io.shape.domain.report.ReportContent;
import io.shape.domain.report.RunComparison;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunStatus;
import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.Pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Gathers what a run found — sampled feature series with anomalies, decision histogram, fitted state, and the
 * drift since the previous run of the same spec and model — and has it rendered next to the run's outputs.
 */
public final class ReportRunService implements ReportRunUseCase {
    /** Buckets of the series plot: 2 points each, so at most 4000 points per feature whatever the rows. */
    static final int SERIES_BUCKETS = 2000;
    /** Anomalous rows marked individually at most. */
    static final int ANOMALY_CAP = 5000;
    static final int HISTOGRAM_BINS = 60;

    private final RunRepository repository;
    private final TableColumns tables;
    private final SpecReader specReader;
    private final RunDocuments documents;
    private final RunReports reports;

    public ReportRunService(RunRepository repository, TableColumns tables, SpecReader specReader, RunDocuments documents,
                            RunReports reports) {
        this.repository = repository;
        this.tables = tables;
        this.specReader = specReader;
        this.documents = documents;
        this.reports = reports;
    }

    @Override
    public Path report(RunId id) {
        Run run = repository.find(id).orElseThrow(() -> new ShapeException(ErrorKind.USAGE, "no run " + id
                + " in the run store; `shape runs list` shows the runs it has"));
        return report(run);
    }

    @Override
    public Path report(Run run) {
        if (run.status() != RunStatus.SUCCEEDED || run.metrics() == null) {
            throw ShapeException.invalidInput("run " + run.id() + " is " + run.status()
                    + ": only a succeeded run has predictions to report");
        }
        Path predictions = Path.of(run.outputs().predictions());
        if (!Files.isRegularFile(predictions.resolve("_SUCCESS"))) {
            throw ShapeException.invalidInput("the predictions of run " + run.id() + " are gone from " + predictions
                    + " (no _SUCCESS there); score again to report");
        }
        List<String> notes = new ArrayList<>();
        PredictionScan.Result scan = new PredictionScan(tables, SERIES_BUCKETS, ANOMALY_CAP, HISTOGRAM_BINS)
                .scan(run, features(run), Anomalies.marked(run));
        notes.addAll(scan.notes());
        Optional<Pipeline> pipeline = pipeline(run, notes);
        List<FittedState> fitted = pipeline.map(p -> fittedState(run, p, notes)).orElse(List.of());
        Optional<RunComparison> previous = previousRun(run).map(before -> compare(before, run, fitted, pipeline,
                notes));
        return reports.write(new ReportContent(run, scan.series(), scan.histogram(), fitted, previous, notes));
    }

    /** The features the run scored, as its record has them (the spec may have changed since). */
    private static List<String> features(Run run) {
        Object recorded = run.params().get("features");
        return recorded == null ? List.of() : Arrays.stream(recorded.toString().split(",")).filter(s -> !s.isBlank())
                .toList();
    }

    /** The run's pipeline from its spec, if the spec is still the one the run used. */
    private Optional<Pipeline> pipeline(Run run, List<String> notes) {
        String spec = run.inputs() == null ? null : run.inputs().specPath();
        if (spec == null && run.inputs() != null && run.inputs().modelPath() != null) {
            notes.add("the run applied the fitted pipeline of its model file as pickled: its fitted values are the "
                    + "pickle's, kept in fitted_state.json, not shown here");
            return Optional.empty();
        }
        if (spec == null || !Files.isRegularFile(Path.of(spec))) {
            notes.add("the spec " + spec + " is gone: the fitted state is not shown");
            return Optional.empty();
        }
        try {
            if (!Fingerprints.sha256(Path.of(spec)).equals(run.inputs().specSha256())) {
                notes.add("the spec " + spec + " changed since the run: the fitted state is not shown");
                return Optional.empty();
            }
            return Optional.of(Pipeline.of(specReader.read(Path.of(spec))));
        } catch (ShapeException e) {
            notes.add("the spec " + spec + " cannot be read (" + e.getMessage() + "): the fitted state is not shown");
            return Optional.empty();
        }
    }

    private List<FittedState> fittedState(Run run, Pipeline pipeline, List<String> notes) {
        try {
            return documents.readFittedState(Path.of(run.outputs().fittedState()), pipeline).transforms().stream()
                    .map(FittedTransform::state).toList();
        } catch (ShapeException e) {
            notes.add("the fitted state of run " + run.id() + " cannot be read: " + e.getMessage());
            return List.of();
        }
    }

    /** The newest successful run before this one with the same spec and model fingerprints. */
    private Optional<Run> previousRun(Run run) {
        if (run.inputs() == null || run.inputs().specSha256() == null || run.inputs().modelSha256() == null) {
            return Optional.empty();
        }
        int page = 200;
        for (int offset = 0; offset < 5000; offset += page) {
            List<Run> runs = repository.list(Optional.of(RunStatus.SUCCEEDED), offset, page);
            for (Run r : runs) {
                if (!r.id().equals(run.id()) && isEarlier(r, run)
                        && r.inputs() != null && Objects.equals(r.inputs().specSha256(), run.inputs().specSha256())
                        && Objects.equals(r.inputs().modelSha256(), run.inputs().modelSha256())
                        && r.metrics() != null) {
                    return Optional.of(r);
                }
            }
            if (runs.size() < page) {
                break;
            }
        }
        return Optional.empty();
    }

    private static boolean isEarlier(Run candidate, Run run) {
        int byTime = candidate.createdAt().compareTo(run.createdAt());
        return byTime < 0 || byTime == 0 && candidate.id().value().compareTo(run.id().value()) < 0;
    }

    private RunComparison compare(Run before, Run run, List<FittedState> fitted, Optional<Pipeline> pipeline,
                                  List<String> notes) {
        List<FittedState> earlier = List.of();
        if (before.outputs() != null && Objects.equals(before.outputs().directory(), run.outputs().directory())) {
            notes.add("the previous run " + before.id() + " wrote to the same output folder, which now holds this "
                    + "run's files: its fitted state is gone, so drift is not shown");
        } else if (pipeline.isPresent() && before.outputs() != null && before.outputs().fittedState() != null) {
            try {
                earlier = documents.readFittedState(Path.of(before.outputs().fittedState()), pipeline.get())
                        .transforms().stream().map(FittedTransform::state).toList();
            } catch (ShapeException e) {
                notes.add("the fitted state of the previous run " + before.id() + " cannot be read: "
                        + e.getMessage());
            }
        }
        return new RunComparison(before, Anomalies.rate(before).orElse(Double.NaN),
                Anomalies.rate(run).orElse(Double.NaN), FittedDrift.between(earlier, fitted));
    }
}
