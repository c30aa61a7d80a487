package io.shape.domain.transform.steps;

import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.PipelineFitting;
import io.shape.domain.transform.Step;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Test rows for the domain's {@link PipelineFitting}: in-memory rows fed in one accumulator or in partitions
 * (row ranges) merged in row order, as the engines do; the fitting order is the driver's, not a copy of it.
 */
final class Fitting implements PipelineFitting.Rows {
    private final double[][] input;
    private final int partitions;

    private Fitting(double[][] input, int partitions) {
        this.input = input;
        this.partitions = partitions;
    }

    static FittedPipeline fit(Pipeline pipeline, double[][] rows, int partitions) {
        return fit(pipeline, io.shape.domain.data.ColumnPlan.numbers(pipeline.features().size()), rows, partitions);
    }

    /** Fitted on rows read by {@code table} (text cells already coded by its codes, as an engine's reader does). */
    static FittedPipeline fit(Pipeline pipeline, io.shape.domain.data.ColumnPlan table, double[][] rows,
            int partitions) {
        return PipelineFitting.fit(pipeline, pipeline.features(), table, new Fitting(rows, partitions),
                (s, c, t) -> { }, new HashMap<>());
    }

    /** One step fitted on its input rows (a pipeline of that step alone over {@code width} columns). */
    static FittedTransform fitStep(Step step, int width, double[][] rows, int partitions) {
        List<String> columns = IntStream.range(0, width).mapToObj(i -> "x" + i).toList();
        return fit(new Pipeline(columns, List.of(step)), rows, partitions).transforms().get(0);
    }

    @Override
    public Accumulator pass(List<FittedTransform> fitted, Accumulator accumulator) {
        double[][] rows = input;
        for (FittedTransform t : fitted) {
            rows = apply(t, rows);
        }
        List<Accumulator> parts = new ArrayList<>();
        parts.add(accumulator);
        for (int p = 1; p < partitions; p++) {
            parts.add(accumulator.emptyCopy());
        }
        for (int r = 0; r < rows.length; r++) {
            parts.get((int) ((long) r * partitions / rows.length)).add(r, rows[r]);
        }
        for (int p = 1; p < partitions; p++) {
            accumulator.merge(parts.get(p));
        }
        return accumulator;
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
