package io.shape.adapters.local;

import io.shape.domain.model.Predictions;

import java.nio.file.Files;
import java.nio.file.Path;

/** By hand: the cost of writing predictions to parquet per row (not a test). Args: folder rows. */
public final class WriteTime {
    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]);
        long rows = Long.parseLong(a[1]);
        Files.createDirectories(dir);
        PredictionColumns columns = PredictionColumns.of(new RbfModel(39, 66, 1));
        Batch b = new Batch(null, null, new Predictions(4096, 0));
        java.util.Random rnd = new java.util.Random(1);
        for (int i = 0; i < 4096; i++) {
            b.predictions.decision[i] = rnd.nextGaussian();
            b.predictions.label[i] = rnd.nextInt(2);
        }
        b.rows = 4096;
        for (int round = 0; round < 3; round++) {
            Path f = dir.resolve("w" + round + ".parquet");
            Files.deleteIfExists(f);
            long t0 = System.nanoTime();
            long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            ParquetPartWriter w = new ParquetPartWriter(f, columns);
            for (long r = 0; r < rows; r += 4096) {
                b.firstRow = r;
                w.write(b, 0, 4096);
            }
            w.close();
            long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0;
            System.out.printf("%.1f ns/row wall, %.1f ns/row cpu, %d bytes%n", (System.nanoTime() - t0) / (double) rows,
                    cpu / (double) rows, Files.size(f));
        }
    }
}
