package io.shape.domain.spec;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;

/** The pipeline spec cannot be built; the message names the step and parameter, as scikit-learn would. */
public class InvalidSpecException extends ShapeException {
    private static final long serialVersionUID = 1L;

    public InvalidSpecException(String message) {
        super(ErrorKind.INVALID_INPUT, message);
    }

    /** A parameter of a step is wrong: {@code step 'qtransf' (QuantileTransformer): parameter 'n_quantiles' ...}. */
    public static InvalidSpecException parameter(String step, String sklearnClass, String param, String problem) {
        return new InvalidSpecException(
                "step '" + step + "' (" + sklearnClass + "): parameter '" + param + "' " + problem);
    }
}
