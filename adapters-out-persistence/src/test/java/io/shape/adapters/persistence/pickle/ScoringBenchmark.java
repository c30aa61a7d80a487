package io.shape.adapters.persistence.pickle;

import io.shape.domain.model.Model;
import io.shape.domain.model.Predictions;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A quick throughput measurement (not a test): the seed OneClassSVM (39 support vectors × 66 features)
 * scoring its transformed rows, tiled, in batches. Run: {@code java -cp <test classpath>
 * io.shape.adapters.persistence.pickle.ScoringBenchmark [model.pkl X.csv]}.
 */
public final class ScoringBenchmark {
    private ScoringBenchmark() {
    }

    public static void main(String[] args) {
        Path seed = Fixtures.root().resolve("seed");
        Model model = new PickleModelLoader().load(args.length > 0 ? Path.of(args[0]) : seed.resolve("model.pkl")).estimator();
        List<String[]> rows = Fixtures.csv(args.length > 1 ? Path.of(args[1]) : seed.resolve("transformed.csv"),
                args.length > 1);
        double[] base = Fixtures.matrix(rows);
        int width = model.featureCount();
        int batch = 1024;
        double[] x = new double[batch * width];
        for (int r = 0; r < batch; r++) {
            System.arraycopy(base, (r % rows.size()) * width, x, r * width, width);
        }
        Predictions out = Predictions.of(model, batch);
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            long cpuStart = cpu.getCurrentThreadCpuTime();
            long scored = 0;
            long checksum = 0;
            while (System.nanoTime() - start < 2_000_000_000L) {
                model.score(x, batch, out);
                scored += batch;
                checksum += out.label[scored % batch == 0 ? 0 : 1];
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            // per CPU-second too: on a shared machine wall time says more about the neighbours
            System.out.printf(Locale.ROOT, "%s: %.2f M rows/s wall, %.2f M rows per CPU-second (batch %d) [%d]%n",
                    model.estimatorClass(), scored / seconds / 1e6, scored / cpuSeconds / 1e6, batch, checksum);
        }
    }
}
