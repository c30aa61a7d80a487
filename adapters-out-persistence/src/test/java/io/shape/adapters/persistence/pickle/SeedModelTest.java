package io.shape.adapters.persistence.pickle;

import io.shape.domain.model.Model;
import io.shape.domain.model.Predictions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed OneClassSVM scores scikit-learn's transformed seed rows exactly as scikit-learn did. */
class SeedModelTest {
    /** The seed as scikit-learn pickled it (protocol 4) and re-pickled at protocols 0 and 1 (text opcodes). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"seed/model.pkl", "protocols/seed_protocol0.pkl", "protocols/seed_protocol1.pkl"})
    void seedModelReproducesScikitLearnPredictions(String pickle) {
        Path seed = Fixtures.root().resolve("seed");
        Model model = new PickleModelLoader().load(Fixtures.root().resolve(pickle)).estimator();
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
        Predictions out = Predictions.of(model, rows.size());
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
        assertArrayEquals(decisions(seed.resolve("model.pkl"), x, rows.size()), out.decision,
                "the same decisions to the bit as the protocol-4 pickle");
        assertTrue(worst <= 1e-12, "worst decision difference " + worst);
    }

    private static double[] decisions(Path pickle, double[] x, int rows) {
        Model model = new PickleModelLoader().load(pickle).estimator();
        Predictions out = Predictions.of(model, rows);
        model.score(x, rows, out);
        return out.decision;
    }
}
