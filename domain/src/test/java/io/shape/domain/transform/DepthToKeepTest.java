package io.shape.domain.transform;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which transformed copy of the rows later passes start from: the rule both engines keep by. */
class DepthToKeepTest {
    /** The seed pipeline's widths: PolynomialFeatures 3→10, QuantileTransformer, PolynomialFeatures →66, scaler. */
    private static final List<FittedTransform> SEED = widths(3, 10, 10, 66, 66);

    @Test
    void theQuantilesAreKeptForTheScalerAndNotThePolynomialForTheQuantiles() {
        assertEquals(-1, FittedPipeline.depthToKeep(SEED, 0, 1, 3), "one cheap step to a wider copy is redone");
        assertEquals(2, FittedPipeline.depthToKeep(SEED, 0, 3, 3), "narrowest output, the later of two equals");
        assertEquals(-1, FittedPipeline.depthToKeep(SEED, 2, 3, 10), "nothing narrower than the kept quantiles");
    }

    @Test
    void aPassOverTheFilesKeepsTheNarrowestOutputEvenOneStepIn() {
        // the local engine reads the files again otherwise: nothing kept is "as wide as the input"
        assertEquals(1, FittedPipeline.depthToKeep(SEED, 0, 1, Integer.MAX_VALUE));
        assertEquals(2, FittedPipeline.depthToKeep(SEED, 0, 3, Integer.MAX_VALUE));
        assertEquals(-1, FittedPipeline.depthToKeep(SEED, 0, 0, Integer.MAX_VALUE), "an empty range keeps nothing");
    }

    @Test
    void aWiderCopyIsKeptOnlyWhenItSavesTwoStepsOrMore() {
        List<FittedTransform> widening = widths(3, 10, 20);
        assertEquals(-1, FittedPipeline.depthToKeep(widening, 1, 2, 10));
        assertEquals(2, FittedPipeline.depthToKeep(widths(3, 10, 10), 0, 2, 3), "two steps saved, although wider");
    }

    @Test
    void aCopyNoWiderThanTheKeptOneIsKeptEvenForOneStep() {
        List<FittedTransform> scalers = widths(3, 3, 3);
        assertEquals(1, FittedPipeline.depthToKeep(scalers, 0, 1, 3));
        assertEquals(2, FittedPipeline.depthToKeep(scalers, 1, 2, 3));
        assertEquals(-1, FittedPipeline.depthToKeep(scalers, 2, 2, 3), "no step left to keep");
    }

    /** Transforms chained through the given widths; only their widths matter here. */
    private static List<FittedTransform> widths(int... w) {
        List<FittedTransform> steps = new ArrayList<>();
        for (int i = 1; i < w.length; i++) {
            int in = w[i - 1];
            int out = w[i];
            steps.add(new FittedTransform() {
                @Override
                public int inputWidth() {
                    return in;
                }

                @Override
                public int outputWidth() {
                    return out;
                }

                @Override
                public void apply(double[] x, int xOffset, double[] y, int yOffset) {
                    throw new UnsupportedOperationException("only widths are looked at");
                }

                @Override
                public FittedState state() {
                    throw new UnsupportedOperationException("only widths are looked at");
                }
            });
        }
        return steps;
    }
}
