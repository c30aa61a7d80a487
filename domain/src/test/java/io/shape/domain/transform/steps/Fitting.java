package io.shape.domain.transform.steps;

import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FitProgress;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.StatefulStep;
import io.shape.domain.transform.StatelessStep;
import io.shape.domain.transform.Step;

import java.util.ArrayList;
import java.util.List;

/** Test driver: fits a pipeline step by step on in-memory rows, in one accumulator or merged partitions. */
final class Fitting {
    private Fitting() {
    }

    static FittedPipeline fit(Pipeline pipeline, double[][] rows, int partitions) {
        List<FittedTransform> fitted = new ArrayList<>();
        double[][] current = rows;
        int width = pipeline.features().size();
        for (Step step : pipeline.steps()) {
            FittedTransform t = fitStep(step, width, current, partitions);
            fitted.add(t);
            current = apply(t, current);
            width = t.outputWidth();
        }
        return new FittedPipeline(pipeline.features(), fitted);
    }

    /** One step fitted on its input rows. */
    static FittedTransform fitStep(Step step, int width, double[][] rows, int partitions) {
        return step instanceof StatelessStep s ? s.bind(width)
                : fitStep(((StatefulStep) step).startFit(width), rows, partitions);
    }

    private static FittedTransform fitStep(Accumulator first, double[][] rows, int partitions) {
        Accumulator acc = first;
        while (true) {
            Accumulator total = acc;
            if (partitions == 1) {
                for (int r = 0; r < rows.length; r++) {
                    total.add(r, rows[r]);
                }
            } else {
                List<Accumulator> parts = new ArrayList<>();
                parts.add(acc);
                for (int p = 1; p < partitions; p++) {
                    parts.add(acc.emptyCopy());
                }
                for (int r = 0; r < rows.length; r++) {
                    parts.get((int) ((long) r * partitions / rows.length)).add(r, rows[r]);
                }
                for (int p = 1; p < partitions; p++) {
                    total.merge(parts.get(p));
                }
            }
            FitProgress progress = total.complete();
            if (progress instanceof FitProgress.Fitted f) {
                return f.transform();
            }
            acc = ((FitProgress.NextPass) progress).accumulator();
        }
    }

    static double[][] apply(FittedTransform t, double[][] rows) {
        double[][] out = new double[rows.length][t.outputWidth()];
        for (int r = 0; r < rows.length; r++) {
            t.apply(rows[r], 0, out[r], 0);
        }
        return out;
    }

    static double[][] transform(FittedPipeline p, double[][] rows) {
        double[][] current = rows;
        for (FittedTransform t : p.transforms()) {
            current = apply(t, current);
        }
        return current;
    }
}
