package io.shape.adapters.local;

import io.shape.domain.data.DataFormat;
import io.shape.domain.data.Dataset;
import io.shape.domain.model.Model;
import io.shape.domain.port.ScoringJob;
import io.shape.domain.run.RunId;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.Step;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds scoring jobs for tests. */
final class EngineFixture {
    static final RunId RUN = new RunId("20260101-000000-0000abcd");

    private EngineFixture() {
    }

    static ScoringJob job(Path data, List<String> features, List<Step> steps, Model model, Path predictions,
                          DataFormat output, Map<String, String> options) {
        return job(data, features, steps, model, Optional.empty(), predictions, output, options);
    }

    static ScoringJob job(Path data, List<String> features, List<Step> steps, Model model,
                          Optional<FittedPipeline> frozen, Path predictions, DataFormat output,
                          Map<String, String> options) {
        return job(data.toString(), features, steps, model, frozen, predictions, output, options);
    }

    static ScoringJob job(String data, List<String> features, List<Step> steps, Model model,
                          Optional<FittedPipeline> frozen, Path predictions, DataFormat output,
                          Map<String, String> options) {
        DataFormat input = DataFormat.ofFileName(data);
        return new ScoringJob(RUN, new Dataset(data, input, features), new Pipeline(features, steps),
                model, frozen, predictions.toString(), output, options);
    }

    /** The transformed row the model sees, computed row by row with the fitted transforms. */
    static double[] transform(FittedPipeline fitted, double[] row) {
        double[] in = row;
        for (var t : fitted.transforms()) {
            double[] out = new double[t.outputWidth()];
            t.apply(in, 0, out, 0);
            in = out;
        }
        return in;
    }
}
