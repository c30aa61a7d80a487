package io.shape.domain.transform.numeric;

import io.shape.domain.ShapeException;

import java.util.List;

/**
 * What PCA, Normalizer and KBinsDiscretizer refuse as scikit-learn's {@code check_array} does: NaN or infinity in
 * their input. Those the table holds are refused before any row is scored (NaN reaching them reaches the estimator);
 * this check catches the ones a step before them makes, or NaN an imputer after them would hide.
 */
final class FiniteInput implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final String step;
    private final String sklearnClass;
    private final List<String> names;

    FiniteInput(String step, String sklearnClass, List<String> names) {
        this.step = step;
        this.sklearnClass = sklearnClass;
        this.names = List.copyOf(names);
    }

    /** @throws ShapeException INVALID_INPUT naming the step and the first column of the row that is not finite */
    void require(double[] in, int offset, int width) {
        for (int j = 0; j < width; j++) {
            double x = in[offset + j];
            if (!Double.isFinite(x)) {
                throw ShapeException.invalidInput("step '" + step + "' (" + sklearnClass + ") met " + x
                        + " in its column " + names.get(j) + "; scikit-learn's " + sklearnClass + " refuses NaN and "
                        + "infinity in its input (ValueError: Input X contains "
                        + (Double.isNaN(x) ? "NaN" : "infinity")
                        + "): impute or remove those values before it");
            }
        }
    }
}
