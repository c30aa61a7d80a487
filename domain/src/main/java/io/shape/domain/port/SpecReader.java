package io.shape.domain.port;

import io.shape.domain.spec.PipelineSpec;

import java.nio.file.Path;

/** Out-port: reads {@code pipeline.jsonc} (JSON with comments) into a spec. */
public interface SpecReader {
    /**
     * @throws io.shape.domain.ShapeException {@code INVALID_INPUT} naming the file, line and field
     */
    PipelineSpec read(Path file);
}
