package io.shape.adapters.persistence.pickle;

import io.shape.domain.model.Model;
import io.shape.domain.model.Predictions;
import io.shape.domain.spec.PipelineSpec;
import io.shape.domain.spec.StepSpec;
import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FitProgress;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.StatefulStep;
import io.shape.domain.transform.StatelessStep;
import io.shape.domain.transform.Step;
import io.shape.domain.transform.Pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A by-hand cost breakdown (not a test) of the seed pipeline on one thread: fit passes, each transform and
 * the model, in nanoseconds per row, plus a checksum of every decision value (to show that an optimization
 * left the numbers bit-identical). Rows are the seed's 295 rows tiled with a deterministic jitter.
 * Run: {@code java -cp <test classpath> io.shape.adapters.persistence.pickle.PipelineBenchmark [rows]}.
 */
public final class PipelineBenchmark {
    private static final int BATCH = 4096;
    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private PipelineBenchmark() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path seed = Fixtures.root().resolve("seed");
        Model model = new PickleModelLoader().load(seed.resolve("model.pkl")).estimator();
        double[] base = Fixtures.matrix(Fixtures.csv(seed.resolve("data.csv"), true));
        double[] x = new double[rows * 3];
        long state = 42;
        for (int r = 0; r < rows; r++) {
            int from = (r % 295) * 4;
            for (int j = 0; j < 3; j++) {
                state = state * 6364136223846793005L + 1442695040888963407L;
                double jitter = ((state >>> 11) * 0x1.0p-53 - 0.5) * 0.02;
                x[r * 3 + j] = base[from + 1 + j] * (1 + jitter);
            }
        }
        List<Step> steps = Pipeline.of(new PipelineSpec(List.of(
                new StepSpec("reduce_dim", "PolynomialFeatures", Map.of("degree", 2L)),
                new StepSpec("qtransf", "QuantileTransformer", Map.of("output_distribution", "normal")),
                new StepSpec("poly_feature", "PolynomialFeatures", Map.of("degree", 2L)),
                new StepSpec("stdscaler", "StandardScaler", Map.of())), "model.pkl", Optional.empty())).steps();
        for (int round = 0; round < 3; round++) {
            System.out.printf(Locale.ROOT, "-- round %d, %,d rows%n", round, rows);
            run(steps, model, x, rows);
        }
    }

    private static void run(List<Step> steps, Model model, double[] x, int rows) {
        List<FittedTransform> fitted = new ArrayList<>();
        int width = 3;
        double[] in = x;
        for (Step step : steps) {
            FittedTransform t;
            if (step instanceof StatelessStep s) {
                t = s.bind(width);
            } else {
                Accumulator acc = ((StatefulStep) step).startFit(width);
                double[] row = new double[width];
                int pass = 0;
                while (true) {
                    pass++;
                    long start = now();
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(in, r * width, row, 0, width);
                        acc.add(r, row);
                    }
                    FitProgress p = acc.complete();
                    report("fit " + step.name() + " pass " + pass, rows, start);
                    if (p instanceof FitProgress.Fitted f) {
                        t = f.transform();
                        break;
                    }
                    acc = ((FitProgress.NextPass) p).accumulator();
                }
            }
            double[] out = new double[rows * t.outputWidth()];
            long start = now();
            for (int first = 0; first < rows; first += BATCH) {
                int n = Math.min(BATCH, rows - first);
                double[] bin = java.util.Arrays.copyOfRange(in, first * width, (first + n) * width);
                double[] bout = new double[n * t.outputWidth()];
                t.applyBatch(bin, bout, n);
                System.arraycopy(bout, 0, out, first * t.outputWidth(), bout.length);
            }
            report("apply " + step.name() + " (" + width + "→" + t.outputWidth() + ")", rows, start);
            fitted.add(t);
            in = out;
            width = t.outputWidth();
        }
        Predictions p = Predictions.of(model, BATCH);
        long checksum = 0;
        long positives = 0;
        double[] batch = new double[BATCH * width];
        long start = now();
        for (int first = 0; first < rows; first += BATCH) {
            int n = Math.min(BATCH, rows - first);
            System.arraycopy(in, first * width, batch, 0, n * width);
            model.score(batch, n, p);
            for (int r = 0; r < n; r++) {
                checksum = checksum * 31 + Double.doubleToRawLongBits(p.decision[r]);
                positives += p.label[r];
            }
        }
        report("score " + model.estimatorClass(), rows, start);
        long transformed = 0;
        for (double v : in) {
            transformed = transformed * 31 + Double.doubleToRawLongBits(v);
        }
        System.out.printf(Locale.ROOT, "checksum decisions %016x transformed %016x, +1 labels %d%n", checksum,
                transformed, positives);
    }

    /** Thread CPU time, not wall time: on a shared machine wall time says more about the neighbours. */
    private static long now() {
        return CPU.getCurrentThreadCpuTime();
    }

    private static void report(String what, int rows, long start) {
        double ns = (now() - start) / (double) rows;
        System.out.printf(Locale.ROOT, "  %-40s %8.1f ns/row%n", what, ns);
    }
}
