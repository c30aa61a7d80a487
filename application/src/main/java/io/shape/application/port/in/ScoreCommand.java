package io.shape.application.port.in;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.data.DataFormat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to score a table: validated on construction, so a bad request fails before a run exists.
 *
 * @param output        the run's output folder; empty for {@code <output root>/<run id>}
 * @param model         the model file to use instead of the spec's {@code "model"} entry
 * @param fittedState   score with this saved preprocessing state instead of fitting
 * @param engineOptions engine settings ({@code master}, {@code spark.*}, ...)
 */
public record ScoreCommand(Path spec, String data, Optional<Path> model, Optional<Path> output, String engine, DataFormat format,
                           Optional<Path> fittedState, Map<String, String> engineOptions) {
    public ScoreCommand {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(fittedState, "fittedState");
        Objects.requireNonNull(format, "format");
        if (data == null || data.isBlank()) {
            throw new ShapeException(ErrorKind.USAGE, "no data to score: give --data a parquet/CSV file or folder");
        }
        if (engine == null || engine.isBlank()) {
            throw new ShapeException(ErrorKind.USAGE, "no engine: use --engine local or --engine spark");
        }
        engineOptions = Map.copyOf(engineOptions);
    }
}
