package io.shape.adapters.local;

import io.shape.domain.model.PredictionKind;
import io.shape.domain.testing.DecisionModel;

import java.util.List;
import java.util.SplittableRandom;

/** Test double costing what the seed's OneClassSVM costs: Σ c_i·exp(−γ‖x − sv_i‖²) + b over random vectors. */
final class RbfModel extends DecisionModel {
    private static final long serialVersionUID = 1L;
    private final double[] vectors;
    private final double[] coefficients;
    private final int width;
    private final double gamma;

    RbfModel(int vectors, int width, long seed) {
        super("RbfTestModel", width, PredictionKind.LABEL, List.of(-1L, 1L));
        SplittableRandom random = new SplittableRandom(seed);
        this.width = width;
        this.gamma = 1.0 / width;
        this.vectors = random.doubles((long) vectors * width, -1, 1).toArray();
        this.coefficients = random.doubles(vectors, 0, 1).toArray();
    }

    @Override
    public double decision(double[] x, int base) {
        double d = -0.5;
        for (int v = 0; v < coefficients.length; v++) {
            double s = 0;
            int sv = v * width;
            for (int i = 0; i < width; i++) {
                double diff = x[base + i] - vectors[sv + i];
                s += diff * diff;
            }
            d += coefficients[v] * Math.exp(-gamma * s);
        }
        return d;
    }
}
