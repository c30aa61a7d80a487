package io.shape.domain.port;

import io.shape.domain.model.Model;

import java.nio.file.Path;

/** Out-port: reads a fitted estimator from a file (a scikit-learn pickle), never executing it. */
public interface ModelLoader {
    /**
     * @throws io.shape.domain.ShapeException {@code INVALID_INPUT} naming the file and what is wrong
     */
    Model load(Path file);
}
