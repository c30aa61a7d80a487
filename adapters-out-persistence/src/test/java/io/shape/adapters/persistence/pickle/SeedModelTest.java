package io.shape.adapters.persistence.pickle;

import io.shape.domain.model.Model;
import io.shape.domain.model.Predictions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed OneClassSVM scores scikit-learn's transformed seed rows exactly as scikit-learn did. */
class SeedModelTest {
    @Test
    void seedModelReproducesScikitLearnPredictions() {
        Path seed = Fixtures.root().resolve("seed");
        Model model = new PickleModelLoader().load(seed.resolve("model.pkl"));
        assertEquals("OneClassSVM", model.estimatorClass());
        assertEquals(66, model.featureCount());
        assertEquals(List.of(-1L, 1L), model.labels());
        assertEquals("rbf", model.describe().get("kernel"));
        assertEquals(1.0 / 66, (double) model.describe().get("gamma"));
        assertEquals(39, model.describe().get("n_support_vectors"));
        assertTrue(model.warnings().isEmpty(), () -> model.warnings().toString());

        List<String[]> rows = Fixtures.csv(seed.resolve("transformed.csv"), false);
        List<String[]> expected = Fixtures.csv(seed.resolve("predictions.csv"), true);
        double[] x = Fixtures.matrix(rows);
        Predictions out = new Predictions(rows.size(), model.scratchSize(rows.size()));
        model.score(x, rows.size(), out);

        int flips = 0;
        int outliers = 0;
        double worst = 0;
        for (int r = 0; r < rows.size(); r++) {
            long label = (Long) model.labels().get(out.label[r]);
            outliers += label == -1 ? 1 : 0;
            flips += label == Long.parseLong(expected.get(r)[1]) ? 0 : 1;
            worst = Math.max(worst, Math.abs(out.decision[r] - Double.parseDouble(expected.get(r)[2])));
        }
        System.out.printf(Locale.ROOT, "seed: %d label flips, %d outliers, worst |decision diff| %.3g%n",
                flips, outliers, worst);
        assertEquals(0, flips, "label flips");
        assertEquals(31, outliers);
        assertTrue(worst <= 1e-12, "worst decision difference " + worst);
    }
}
