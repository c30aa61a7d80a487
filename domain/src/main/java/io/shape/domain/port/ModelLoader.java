package io.shape.domain.port;

import io.shape.domain.pickled.PickledPipeline;

import java.nio.file.Path;

/**
 * Out-port: reads a fitted scikit-learn estimator or {@code Pipeline} from a file (a pickle), never executing it.
 */
public interface ModelLoader {
    /**
     * @throws io.shape.domain.ShapeException {@code INVALID_INPUT} naming the file and what is wrong
     */
    PickledPipeline load(Path file);
}
