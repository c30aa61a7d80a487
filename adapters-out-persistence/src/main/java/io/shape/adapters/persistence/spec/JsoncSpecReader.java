package io.shape.adapters.persistence.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.shape.domain.Excerpt;
import io.shape.domain.ShapeException;
import io.shape.domain.port.SpecReader;
import io.shape.domain.spec.PipelineSpec;
import io.shape.domain.spec.StepSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code pipeline.jsonc}: JSON with {@code //} and {@code /* *}{@code /} comments, steps keyed by name,
 * each {@code {"SklearnClass": {params}}}, and the {@code "model"} path — inside {@code "steps"} (as the
 * original spec has it) or at the top level — plus an optional top-level {@code "features"} list.
 */
public final class JsoncSpecReader implements SpecReader {
    /** Bigger than any real pipeline spec (the seed is 600 bytes) by three orders of magnitude. */
    static final int MAX_BYTES = 1 << 20;
    /**
     * A spec is five levels deep ({@code {"steps": {"name": {"Class": {"param": [..]}}}}}); a parameter holding
     * nested lists a few more. Jackson's default (1,000) already stops a stack overflow; this says so sooner.
     */
    static final int MAX_DEPTH = 64;
    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .build())
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    @Override
    public PipelineSpec read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text(file));
        } catch (StreamConstraintsException e) {
            // Jackson's other limits (a number of 1000+ digits, a name of 50k chars) raise it too
            boolean depth = String.valueOf(e.getOriginalMessage()).contains("nesting depth");
            throw invalid(file, depth ? "nested deeper than " + MAX_DEPTH + " levels; a pipeline spec needs about five"
                    : "is beyond what a spec may hold (" + Excerpt.cut(String.valueOf(e.getOriginalMessage()), 200) + ")");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw ShapeException.invalidInput("spec file " + file + " is not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": "
                    + e.getOriginalMessage());
        } catch (NoSuchFileException e) {
            throw ShapeException.invalidInput("spec file " + file + " not found: give --spec the path of your "
                    + "pipeline.jsonc");
        } catch (IOException e) {
            throw ShapeException.invalidInput("cannot read spec file " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid(file, "the top level must be an object with \"steps\"");
        }
        JsonNode steps = root.get("steps");
        if (steps == null || !steps.isObject()) {
            throw invalid(file, "\"steps\" must be an object of named steps, e.g. "
                    + "\"steps\": {\"scaler\": {\"StandardScaler\": {}}}");
        }
        List<StepSpec> stepSpecs = new ArrayList<>();
        String model = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = steps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("model") && e.getValue().isTextual()) {
                model = e.getValue().asText();
                continue;
            }
            stepSpecs.add(step(file, e.getKey(), e.getValue()));
        }
        JsonNode topModel = root.get("model");
        if (topModel != null) {
            if (!topModel.isTextual() || model != null) {
                throw invalid(file, "\"model\" must be given once, as a path string");
            }
            model = topModel.asText();
        }
        if (model == null || model.isBlank()) {
            throw invalid(file, "no \"model\" entry: add \"model\": \"artifacts/model.pkl\" (the pickled estimator)");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!List.of("steps", "model", "features").contains(name)) {
                throw invalid(file, "unknown top-level entry \"" + name + "\" (expected steps, model, features)");
            }
        }
        Optional<List<String>> features = features(file, root.get("features"));
        try {
            return new PipelineSpec(stepSpecs, model, features);
        } catch (ShapeException e) {
            throw invalid(file, e.getMessage());
        }
    }

    /**
     * The file's text, read only from a regular file and at most {@link #MAX_BYTES} of it: a FIFO would block
     * the read forever and a device like /dev/zero never ends, so neither is opened.
     */
    private static String text(Path file) throws IOException {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw invalid(file, "is not a regular file (a folder, FIFO or device); give --spec the path of your "
                    + "pipeline.jsonc");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw invalid(file, "is larger than " + (MAX_BYTES >> 20) + " MiB; a pipeline spec is a few hundred "
                    + "bytes");
        }
        // as Files.readString: malformed UTF-8 is an error, not replaced
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static StepSpec step(Path file, String name, JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            throw invalid(file, "step '" + name + "' must be {\"SklearnClass\": {parameters}} with exactly one class");
        }
        Map.Entry<String, JsonNode> only = node.fields().next();
        JsonNode params = only.getValue();
        if (params.isNull()) {
            return new StepSpec(name, only.getKey(), Map.of());
        }
        if (!params.isObject()) {
            throw invalid(file, "step '" + name + "' (" + only.getKey() + "): parameters must be an object, got "
                    + params.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        params.fields().forEachRemaining(p -> values.put(p.getKey(), plain(p.getValue())));
        return new StepSpec(name, only.getKey(), values);
    }

    private static Optional<List<String>> features(Path file, JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isArray() || node.isEmpty()) {
            throw invalid(file, "\"features\" must be a non-empty list of column names");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual() || n.asText().isBlank()) {
                throw invalid(file, "\"features\" must list column names as strings, got " + n);
            }
            if (names.contains(n.asText())) {
                throw invalid(file, "\"features\" lists '" + n.asText() + "' twice");
            }
            names.add(n.asText());
        }
        return Optional.of(names);
    }

    /** JSON → the plain values the domain validates: Boolean, Long, Double, String, List, null. */
    private static Object plain(JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? (Object) v.longValue() : (Object) v.doubleValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            v.forEach(x -> list.add(plain(x)));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
        return map;
    }

    private static ShapeException invalid(Path file, String problem) {
        return ShapeException.invalidInput("spec file " + file + ": " + problem);
    }
}
