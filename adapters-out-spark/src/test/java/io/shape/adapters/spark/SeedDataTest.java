package io.shape.adapters.spark;

import io.shape.domain.testing.WeightedSumModel;
import io.shape.domain.data.DataFormat;
import io.shape.domain.data.Dataset;
import io.shape.domain.port.ScoringJob;
import io.shape.domain.port.ScoringListener;
import io.shape.domain.port.ScoringResult;
import io.shape.domain.run.RunId;
import io.shape.domain.spec.PipelineSpec;
import io.shape.domain.transform.Pipeline;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The seed dataset reaches the model exactly as pandas read it for the scikit-learn reference
 * ({@code reference/fixtures/seed/data.csv}): same rows, same order, same float64 values, bit for bit.
 */
class SeedDataTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void everyFeatureValueOfTheSeedArrivesInOrderBitForBit() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("reference/fixtures/seed/data.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        List<String> features = PipelineSpec.DEFAULT_FEATURES;
        for (int f = 0; f < features.size(); f++) {
            double[] w = new double[features.size()];
            w[f] = 1;
            ScoringJob job = new ScoringJob(RunId.create(Instant.now()),
                    new Dataset(ROOT.resolve("data/dataset.parquet").toString(), DataFormat.PARQUET, features),
                    new Pipeline(features, List.of()), WeightedSumModel.regressor(w, 0),
                    Optional.empty(), tmp.resolve("predictions-" + f).toString(), DataFormat.PARQUET,
                    Map.of("partitions", "3"));

            ScoringResult result = new SparkEngine(SharedSpark.session()).score(job, ScoringListener.NONE);

            List<Row> rows = TestTables.readParts(result.partFiles(), DataFormat.PARQUET);
            assertEquals(lines.size() - 1, rows.size());
            int column = header.indexOf(features.get(f));
            for (int r = 0; r < rows.size(); r++) {
                double expected = Double.parseDouble(lines.get(r + 1).split(",")[column]);
                assertEquals(r, rows.get(r).getLong(0));
                assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(rows.get(r).getDouble(1)),
                        features.get(f) + " of row " + r);
            }
        }
    }
}
