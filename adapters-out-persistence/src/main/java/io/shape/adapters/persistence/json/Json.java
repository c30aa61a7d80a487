package io.shape.adapters.persistence.json;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.shape.adapters.persistence.AtomicFile;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one JSON configuration of the output files: pretty, doubles written with Java's shortest round-trip
 * form (so a value read back is bit-identical), NaN/Infinity as JSON strings, and atomic file replacement.
 */
public final class Json {
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private Json() {
    }

    /** Writes {@code node} to {@code file} through a temporary sibling and an atomic rename. */
    public static void writeAtomically(Path file, JsonNode node) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFile.write(file, temporary -> MAPPER.writeValue(temporary.toFile(), node));
        } catch (IOException e) {
            throw new ShapeException(ErrorKind.INTERNAL, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static JsonNode read(Path file) throws IOException {
        return MAPPER.readTree(file.toFile());
    }

    /** A double from a node written by this class: a number, or "NaN"/"Infinity"/"-Infinity" as text. */
    public static double toDouble(JsonNode n) {
        if (n.isTextual()) {
            return Double.parseDouble(n.textValue());
        }
        return n.doubleValue();
    }
}
