package io.shape.adapters.local;

import io.shape.domain.testing.FormulaStep;
import io.shape.domain.testing.TwoPassScaler;
import io.shape.domain.testing.WeightedSumModel;
import io.shape.domain.data.DataFormat;
import io.shape.domain.model.Model;
import io.shape.domain.port.ScoringListener;
import io.shape.domain.port.ScoringResult;
import io.shape.domain.transform.Step;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A throughput check run by hand (not a test): generates a table from the seed if needed, then fits and
 * scores it with the seed pipeline's shape (poly → two-pass scaler → poly → two-pass scaler) and a model
 * of the seed's cost (or a linear one), printing rows/s per phase.
 *
 * <pre>
 * ./mvnw -q -pl adapters-out-smile -am test-compile
 * cd adapters-out-smile &amp;&amp; java -Xmx512m -cp "target/classes:target/test-classes:$(cat target/cp.txt)" \
 *     io.shape.adapters.local.ThroughputCheck /tmp/bench 10000000 rbf
 * </pre>
 * ({@code target/cp.txt} from {@code ../mvnw -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt}.)
 * Arguments: work folder, rows, {@code rbf} or {@code linear}, optional engine options {@code k=v,...}, optional
 * {@code keep} to keep the predictions folder.
 */
public final class ThroughputCheck {
    private ThroughputCheck() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        long rows = Long.parseLong(args[1]);
        boolean rbf = args.length < 3 || args[2].equals("rbf");
        Map<String, String> options = new java.util.HashMap<>();
        if (args.length > 3) {
            for (String kv : args[3].split(",")) {
                String[] p = kv.split("=", 2);
                options.put(p[0], p[1]);
            }
        }
        List<String> features = List.of("vibration_x", "vibration_y", "vibration_z");
        Files.createDirectories(work);
        Path data = work.resolve("table-" + rows + ".parquet");
        if (!Files.exists(data)) {
            long start = System.nanoTime();
            new ParquetTableGenerator().generate(Path.of("../data/dataset.parquet"), features, rows, 1, data);
            report("generate", rows, start);
        }
        List<Step> steps = List.of(FormulaStep.polynomial(), TwoPassScaler.unrecorded("scale1"), FormulaStep.polynomial(),
                TwoPassScaler.unrecorded("scale2"));
        Model model = rbf ? new RbfModel(39, 66, 1) : WeightedSumModel.detector(new double[66], 0.5);
        Path out = work.resolve("predictions-" + System.nanoTime());
        long start = System.nanoTime();
        ScoringResult result = new LocalEngine().score(EngineFixture.job(data, features, steps, model, out,
                DataFormat.PARQUET, options), ScoringListener.NONE);
        report("total", result.rows(), start);
        result.phaseSeconds().forEach((phase, s) -> System.out.printf("%-10s %8.2f s  %,12.0f rows/s%n", phase, s,
                result.rows() / s));
        Runtime rt = Runtime.getRuntime();
        System.out.printf("max heap %d MB, parts %d, labels %s%n", rt.maxMemory() >> 20, result.partFiles().size(),
                java.util.Arrays.toString(result.labelCounts()));
        if (args.length > 4 && args[4].equals("keep")) {
            System.out.println("predictions kept in " + out);
        } else {
            PredictionsFolder.deleteRecursively(out);
        }
    }

    private static void report(String what, long rows, long start) {
        double s = (System.nanoTime() - start) / 1e9;
        double cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        System.out.printf("%-10s %8.2f s  %,12.0f rows/s   (process CPU so far %.1f s, load %.1f)%n", what, s,
                rows / s, cpu, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
