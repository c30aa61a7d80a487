package io.shape.domain.transform.steps;

import io.shape.domain.spec.PipelineSpec;
import io.shape.domain.spec.StepSpec;
import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.PipelineFitting;
import io.shape.domain.transform.StatefulStep;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Adding a batch of rows at once ({@link Accumulator#addRows}) fits, to the bit, what adding them one by one
 * fits: for every stateful step whose accumulators override it (checked: a step that does not would make the
 * comparison vacuous), with NaN in some columns (skipped by the scalers) and infinities that cancel.
 */
class BatchAccumulationTest {
    private static final int ROWS = 3000;
    private static final int WIDTH = 6;

    @ParameterizedTest
    // the steps whose accumulators sum a batch their own way; the others use Accumulator's loop over add
    @ValueSource(strings = {"StandardScaler", "StandardScaler:with_std=false", "SimpleImputer"})
    void batchesFitWhatSingleRowsFit(String step) {
        double[][] data = data(step.startsWith("QuantileTransformer"));
        Map<String, Object> single = fit(step, data, 0);
        for (int batch : new int[] {1, 7, 256, 1000, ROWS}) {
            Map<String, Object> batched = fit(step, data, batch);
            assertEquals(single.keySet(), batched.keySet());
            for (String key : single.keySet()) {
                assertTrue(sameBits(single.get(key), batched.get(key)),
                        step + " " + key + " with batches of " + batch + ": " + text(single.get(key)) + " vs "
                                + text(batched.get(key)));
            }
        }
    }

    /** Column 1 has NaN, column 2 NaN in one batch only, column 3 +∞ and −∞ (a NaN sum), the rest plain. */
    private static double[][] data(boolean finite) {
        Random random = new Random(5);
        double[][] data = new double[ROWS][WIDTH];
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < WIDTH; j++) {
                data[r][j] = random.nextGaussian() * (j + 1) + j * 1e3;
            }
            if (!finite) {
                if (r % 17 == 3) {
                    data[r][1] = Double.NaN;
                }
                if (r == 900) {
                    data[r][2] = Double.NaN;
                }
            }
        }
        if (!finite) {
            data[100][3] = Double.POSITIVE_INFINITY;
            data[2000][3] = Double.NEGATIVE_INFINITY;
        }
        return data;
    }

    /** The step fitted on {@code data} through {@code addRows} in batches of {@code batch}, or {@code add} if 0. */
    private static Map<String, Object> fit(String step, double[][] data, int batch) {
        String[] parts = step.split(":");
        Map<String, Object> params = new java.util.HashMap<>();
        if (parts.length > 1) {
            String[] kv = parts[1].split("=");
            params.put(kv[0], Boolean.parseBoolean(kv[1]));
        }
        if (parts[0].equals("QuantileTransformer")) {
            params.put("n_quantiles", 100L);
        }
        List<String> features = java.util.stream.IntStream.range(0, WIDTH).mapToObj(j -> "f" + j).toList();
        StatefulStep stateful = (StatefulStep) Pipeline.of(new PipelineSpec(
                List.of(new StepSpec("s", parts[0], params)), "m.pkl", Optional.of(features))).steps().get(0);
        PipelineFitting.Rows batches = (fitted, acc) -> {
            assertTrue(batch == 0 || declaresAddRows(acc), acc.getClass().getSimpleName()
                    + " sums batches with Accumulator's default loop over add: comparing them tests nothing");
            for (int first = 0; first < ROWS; first += Math.max(batch, 1)) {
                int n = Math.min(batch, ROWS - first);
                if (batch == 0) {
                    acc.add(first, data[first].clone());
                } else {
                    double[] values = new double[n * WIDTH];
                    for (int r = 0; r < n; r++) {
                        System.arraycopy(data[first + r], 0, values, r * WIDTH, WIDTH);
                    }
                    acc.addRows(first, values, n, WIDTH);
                }
            }
            return acc;
        };
        Pipeline one = new Pipeline(features, List.of(stateful));
        return PipelineFitting.fit(one, features, io.shape.domain.data.ColumnPlan.numbers(features.size()), batches, (s, c, t) -> { }, new java.util.HashMap<>())
                .transforms().get(0).state().attributes();
    }

    private static boolean declaresAddRows(Accumulator acc) {
        try {
            acc.getClass().getDeclaredMethod("addRows", long.class, double[].class, int.class, int.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static String text(Object o) {
        return o instanceof double[] x ? Arrays.toString(x)
                : o instanceof double[][] x ? Arrays.deepToString(x) : String.valueOf(o);
    }

    private static boolean sameBits(Object a, Object b) {
        if (a instanceof double[] x && b instanceof double[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof double[][] x && b instanceof double[][] y) {
            return Arrays.deepEquals(x, y);
        }
        return java.util.Objects.equals(a, b);
    }
}
