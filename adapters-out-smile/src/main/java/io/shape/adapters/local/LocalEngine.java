package io.shape.adapters.local;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.data.Dataset;
import io.shape.domain.model.Model;
import io.shape.domain.port.ComputeEngine;
import io.shape.domain.port.ScoringJob;
import io.shape.domain.port.ScoringListener;
import io.shape.domain.port.ScoringResult;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.WidthPlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local engine: streams the table through the pipeline on this machine's cores, fitting each stateful
 * step on rows in input order (bit-identical to scikit-learn) and scoring in parallel batches; memory stays
 * flat in the row count.
 *
 * <p>Options: {@code threads} (worker threads, default: the processor count), {@code batch-rows} (4096),
 * {@code rows-per-part} (rows per part file, 1,000,000), {@code keep-mb} (largest intermediate result kept
 * in memory between passes, 64), {@code spill} ({@code true}: a larger one goes to a temporary file in
 * {@code java.io.tmpdir} when it is the result of two or more steps; {@code false}: the files are read again
 * instead, as they are when the temporary file cannot be written). Phase seconds: {@code fit:<step>} and
 * {@code score} are wall time; {@code read} and {@code write} are the time spent reading input and writing
 * output, which overlap them.
 */
public final class LocalEngine implements ComputeEngine {
    public static final String NAME = "local";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScoringResult score(ScoringJob job, ScoringListener listener) {
        EngineSettings settings = EngineSettings.of(job.options());
        PredictionsFolder.checkAbsent(job.predictionsDir());
        long surveyStart = System.nanoTime();
        Dataset dataset = TextColumnSurvey.resolve(job.dataset(), job.pipeline(), settings.batchRows());
        double surveySeconds = (System.nanoTime() - surveyStart) / 1e9;
        InputTable table = InputTable.open(dataset);
        if (table.knownRows() == 0) {
            throw ShapeException.invalidInput("no data to score: " + job.dataset().location() + " has no rows");
        }
        RowPasses passes = new RowPasses(table, new OrderedBatchFlow(settings.threads()), settings.batchRows(),
                settings.keepBytes(), job.pipeline().missingAccepted(job.model().acceptsMissingValues()), listener, settings.spill());
        try {
            return score(job, listener, settings, table, passes, job.dataset().columns().surveysText()
                    ? Map.of("survey", surveySeconds) : Map.of());
        } finally {
            passes.close();
        }
    }

    /** @param before the phases already timed: the survey of the text columns, when the plan needs one */
    private ScoringResult score(ScoringJob job, ScoringListener listener, EngineSettings settings, InputTable table,
                                RowPasses passes, Map<String, Double> before) {
        Map<String, Double> phases = new LinkedHashMap<>(before);

        FittedPipeline fitted = job.frozen().isPresent()
                ? checkFrozen(job.frozen().get(), table.features())
                : new PipelineFitter(passes, listener).fit(job.pipeline(), table.features(), table.plan(), phases);
        Model model = job.model();
        WidthPlan.requireFits(fitted, model);

        long start = System.nanoTime();
        PredictionColumns columns = PredictionColumns.of(model);
        PredictionsFolder folder = PredictionsFolder.create(job.predictionsDir(), job.runId().value(),
                job.outputFormat(), columns, settings.rowsPerPart());
        ScoredRows scored = new ScoredRows(folder, columns.labelCount(), listener, passes.rows());
        boolean committed = false;
        try {
            passes.run(fitted.transforms(), fitted.transforms().size(), model, scored::accept, false);
            table.verifyUnchanged(); // nothing is published from a table that changed under the last pass
            long commitStart = System.nanoTime();
            List<String> parts = folder.commit();
            committed = true;
            scored.addWriteNanos(System.nanoTime() - commitStart);
            phases.put("score", (System.nanoTime() - start) / 1e9);
            phases.put("read", passes.readSeconds());
            phases.put("write", scored.writeSeconds());
            return new ScoringResult(fitted, scored.rows(), scored.labelCounts(), parts, phases);
        } catch (IOException e) {
            throw new ShapeException(ErrorKind.INVALID_INPUT, "cannot write the predictions to "
                    + job.predictionsDir() + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ShapeException(ErrorKind.INVALID_INPUT, "cannot write the predictions to "
                    + job.predictionsDir() + ": " + e.getCause().getMessage(), e);
        } finally {
            if (!committed) {
                folder.abort();
            }
        }
    }

    private static FittedPipeline checkFrozen(FittedPipeline frozen, List<String> features) {
        if (!frozen.features().equals(features)) {
            throw ShapeException.invalidInput("the fitted state was saved for the features " + frozen.features()
                    + " but this run reads " + features + "; use the spec the state was fitted with");
        }
        return frozen;
    }
}
