package io.shape.application.service;

import io.shape.application.port.in.ReportRunUseCase;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.data.ColumnPlan;
import io.shape.domain.data.Fingerprints;
import io.shape.domain.pickled.PickledPipeline;
import io.shape.domain.port.ModelLoader;
import io.shape.domain.port.RunDocuments;
import io.shape.domain.port.RunReports;
import io.shape.domain.port.RunRepository;
import io.shape.domain.port.SpecReader;
import io.shape.domain.port.TableColumns;
import io.shape.domain.report.Anomalies;
import io.shape.domain.report.FittedDrift;
import io.shape.domain.report.ReportContent;
import io.shape.domain.report.ReportedStep;
import io.shape.domain.report.RunComparison;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunStatus;
import io.shape.domain.transform.Pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Gathers what a run found — sampled feature series with anomalies, decision histogram, fitted state, and the
 * drift since the previous run of the same spec and model — and has it rendered next to the run's outputs. A run
 * of a pickled pipeline without a spec shows the pickle's own fitted values, read again from its model file while
 * that file is still the one the run scored with (same sha256).
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
    private final ModelLoader modelLoader;
    private final RunDocuments documents;
    private final RunReports reports;

    public ReportRunService(RunRepository repository, TableColumns tables, SpecReader specReader,
                            ModelLoader modelLoader, RunDocuments documents, RunReports reports) {
        this.repository = repository;
        this.tables = tables;
        this.specReader = specReader;
        this.modelLoader = modelLoader;
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
        Optional<Pipeline> pipeline = pipeline(run, notes);
        PredictionScan.Result scan = new PredictionScan(tables, SERIES_BUCKETS, ANOMALY_CAP, HISTOGRAM_BINS)
                .scan(run, plotted(run, pipeline), Anomalies.marked(run));
        notes.addAll(scan.notes());
        List<ReportedStep> fitted = pipeline.map(p -> fittedState(run, p, notes)).orElse(List.of());
        Optional<RunComparison> previous = previousRun(run).map(before -> compare(before, run, fitted, pipeline,
                notes));
        return reports.write(new ReportContent(run, scan.series(), scan.histogram(), fitted, previous, notes));
    }

    /**
     * The features to plot: those the run read as numbers. A text column an encoder reads as categories, or one a
     * ColumnTransformer drops, is no series (the pipeline's column plan says which; without the pipeline, all).
     */
    private static List<String> plotted(Run run, Optional<Pipeline> pipeline) {
        List<String> features = features(run);
        if (pipeline.isEmpty() || !pipeline.get().features().equals(features)) {
            return features;
        }
        ColumnPlan plan = pipeline.get().columnPlan();
        return IntStream.range(0, features.size()).filter(c -> plan.use(c) == ColumnPlan.Use.NUMBERS)
                .mapToObj(features::get).toList();
    }

    /** The features the run scored, as its record has them (the spec may have changed since). */
    private static List<String> features(Run run) {
        Object recorded = run.params().get("features");
        return recorded == null ? List.of() : Arrays.stream(recorded.toString().split(",")).filter(s -> !s.isBlank())
                .toList();
    }

    /**
     * The run's pipeline from its spec, if the spec is still the one the run used; without a spec, the pickled
     * pipeline of its model file, if the file is still the one the run used.
     */
    private Optional<Pipeline> pipeline(Run run, List<String> notes) {
        String spec = run.inputs() == null ? null : run.inputs().specPath();
        if (spec == null && run.inputs() != null && run.inputs().modelPath() != null) {
            return pickledPipeline(run, notes);
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

    /**
     * The pipeline the run applied as pickled, as {@code ScoreDatasetService.prepare} builds it over the columns the
     * run scored. Its fitted values are the pickle's: fitted_state.json names the steps, but a pickled step is not
     * restored from it (FrozenStep.restore: the pickle stays authoritative). So they are shown only while the model
     * file is the one the run read.
     */
    private Optional<Pipeline> pickledPipeline(Run run, List<String> notes) {
        String model = run.inputs().modelPath();
        if (!Files.isRegularFile(Path.of(model))) {
            notes.add("the model file " + model + " is gone: the fitted values of its pickled pipeline are not shown");
            return Optional.empty();
        }
        try {
            if (!Fingerprints.sha256(Path.of(model)).equals(run.inputs().modelSha256())) {
                notes.add("the model file " + model + " changed since the run: the fitted values of its pickled "
                        + "pipeline are not shown");
                return Optional.empty();
            }
            PickledPipeline pickled = modelLoader.load(Path.of(model));
            if (pickled.steps().isEmpty()) {
                notes.add("the model file " + model + " holds a bare " + pickled.estimator().estimatorClass()
                        + ", no fitted transformers");
                return Optional.empty();
            }
            return Optional.of(pickled.scoredAfter(Optional.empty(), features(run), "model file " + model));
        } catch (ShapeException e) {
            notes.add("the model file " + model + " cannot be read (" + e.getMessage() + "): the fitted values of its "
                    + "pickled pipeline are not shown");
            return Optional.empty();
        }
    }

    /**
     * Each step with its fitted values, as the run's fitted_state.json restores them for {@code pipeline} (a pickled
     * step's are the pickle's: reading the file checks it names the same steps).
     */
    private List<ReportedStep> fittedState(Run run, Pipeline pipeline, List<String> notes) {
        try {
            return ReportedStep.of(pipeline, documents.readFittedState(Path.of(run.outputs().fittedState()),
                    pipeline));
        } catch (ShapeException e) {
            notes.add("the fitted state of run " + run.id() + " cannot be read: " + e.getMessage());
            return List.of();
        }
    }

    /**
     * The newest successful run before this one with the same spec and model fingerprints; for a run of a pickled
     * pipeline without a spec, of the same model file without a spec.
     */
    private Optional<Run> previousRun(Run run) {
        if (run.inputs() == null || run.inputs().modelSha256() == null
                || run.inputs().specSha256() == null && run.inputs().specPath() != null) {
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

    private RunComparison compare(Run before, Run run, List<ReportedStep> fitted, Optional<Pipeline> pipeline,
                                  List<String> notes) {
        List<ReportedStep> earlier = List.of();
        if (before.outputs() != null && Objects.equals(before.outputs().directory(), run.outputs().directory())) {
            notes.add("the previous run " + before.id() + " wrote to the same output folder, which now holds this "
                    + "run's files: its fitted state is gone, so drift is not shown");
        } else if (pipeline.isPresent() && before.outputs() != null && before.outputs().fittedState() != null) {
            // A pickled step's values are the pickle's in both runs (the same model sha256): no drift there.
            try {
                earlier = ReportedStep.of(pipeline.get(),
                        documents.readFittedState(Path.of(before.outputs().fittedState()), pipeline.get()));
            } catch (ShapeException e) {
                notes.add("the fitted state of the previous run " + before.id() + " cannot be read: "
                        + e.getMessage());
            }
        }
        return new RunComparison(before, Anomalies.rate(before).orElse(Double.NaN),
                Anomalies.rate(run).orElse(Double.NaN), FittedDrift.between(ReportedStep.states(earlier),
                ReportedStep.states(fitted)));
    }
}
