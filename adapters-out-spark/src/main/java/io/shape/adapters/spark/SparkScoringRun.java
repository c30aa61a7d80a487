package io.shape.adapters.spark;

import io.shape.domain.data.InputFiles;
import io.shape.domain.port.ScoringJob;
import io.shape.domain.port.ScoringListener;
import io.shape.domain.port.ScoringResult;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.WidthPlan;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scoring job on one session, phase by phase: read and check the input, fit (or take the frozen
 * state), score and write. All its Spark jobs share a job group, which is what cancellation cancels.
 */
final class SparkScoringRun {
    private final SparkSession spark;
    private final ScoringJob job;
    private final EngineOptions options;
    private final ScoringListener listener;

    SparkScoringRun(SparkSession spark, ScoringJob job, EngineOptions options, ScoringListener listener) {
        this.spark = spark;
        this.job = job;
        this.options = options;
        this.listener = listener;
    }

    ScoringResult run() {
        SparkContext context = spark.sparkContext();
        String group = "shape-" + job.runId().value();
        context.setJobGroup(group, "shape run " + job.runId().value(), true);
        PositionedInput input = null;
        KeptBlocks kept = null;
        try (CancellationWatch watch = CancellationWatch.start(context, group, listener)) {
            try {
                Map<String, Double> phases = new LinkedHashMap<>();
                long start = System.nanoTime();
                InputFiles pinned = job.dataset().pinFiles();
                Runnable inputCheck = pinned == null ? () -> { } : pinned::verifyUnchanged;
                io.shape.domain.data.Dataset dataset = TextColumnSurvey.resolve(spark, job.dataset(), job.pipeline());
                if (job.dataset().columns().surveysText()) {
                    phases.put("survey", seconds(start));
                    start = System.nanoTime();
                }
                input = InputReader.read(spark, dataset, options, job.pipeline().missingAccepted(job.model().acceptsMissingValues()));
                watch.throwIfCancelled();
                phases.put("read", seconds(start));

                kept = new KeptBlocks(input, dataset.featureColumns(), options.cache());
                FittedPipeline fitted = fitted(dataset, kept, watch, phases, inputCheck);
                WidthPlan.requireFits(fitted, job.model());
                watch.throwIfCancelled();
                inputCheck.run();

                start = System.nanoTime();
                PredictionWriter.Written written = new PredictionWriter(spark, watch)
                        .write(kept.blocks(), input.rows(), kept.remaining(fitted.transforms(), fitted.transforms().size()),
                                job.model(), job.predictionsDir(), job.outputFormat());
                phases.put("score", seconds(start));
                // Spark's committer has published by now; a failure here withdraws its _SUCCESS (the service)
                inputCheck.run();
                return new ScoringResult(fitted, written.rows(), written.labelCounts(), written.partFiles(), phases);
            } catch (Exception e) {
                throw SparkFailures.translate(e, watch.cancelled());
            }
        } finally {
            if (kept != null) {
                kept.release(); // the input's cache included
            } else if (input != null) {
                input.release();
            }
            context.clearJobGroup();
        }
    }

    private FittedPipeline fitted(io.shape.domain.data.Dataset dataset, KeptBlocks input, CancellationWatch watch,
                                  Map<String, Double> phases, Runnable inputCheck) {
        List<String> features = dataset.featureColumns();
        if (job.frozen().isPresent()) {
            InputValidation.requireFrozenFeatures(job.frozen().get(), dataset);
            return job.frozen().get();
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return new DistributedFit(jsc, watch, listener, phases, inputCheck).fit(job.pipeline(), features,
                dataset.columns(), input);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
