package io.shape.adapters.persistence.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.shape.domain.ShapeException;
import io.shape.domain.port.RunDocuments;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunMetrics;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.Pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The documents of a run as JSON: what run.json, metrics.json and fitted_state.json hold. */
public final class JsonRunDocuments implements RunDocuments {
    @Override
    public byte[] metrics(RunMetrics metrics) {
        return bytes(RunJson.metrics(metrics));
    }

    @Override
    public byte[] fittedState(FittedPipeline fitted) {
        return bytes(FittedStateJson.toJson(fitted));
    }

    @Override
    public byte[] run(Run run) {
        return bytes(RunJson.toJson(run));
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run's documents always serialize", e);
        }
    }

    @Override
    public String toJson(Run run) {
        try {
            return Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(RunJson.toJson(run));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run record always serializes", e);
        }
    }

    @Override
    public FittedPipeline readFittedState(Path file, Pipeline pipeline) {
        if (Files.exists(file) && !Files.isRegularFile(file)) { // a FIFO blocks forever, /dev/zero never ends
            throw ShapeException.invalidInput("fitted state " + file + " is not a regular file (a folder, FIFO or "
                    + "device): give --fitted-state the fitted_state.json of an earlier run");
        }
        try {
            return FittedStateJson.fromJson(Json.read(file), pipeline, file);
        } catch (NoSuchFileException e) {
            throw ShapeException.invalidInput("fitted state " + file + " not found: give --fitted-state the "
                    + "fitted_state.json of an earlier run");
        } catch (JsonProcessingException e) {
            throw ShapeException.invalidInput("fitted state " + file + " is not valid JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw ShapeException.invalidInput("cannot read fitted state " + file + ": " + e.getMessage());
        }
    }
}
