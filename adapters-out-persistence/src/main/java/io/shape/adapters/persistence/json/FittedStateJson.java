package io.shape.adapters.persistence.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shape.domain.ShapeException;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.Step;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code fitted_state.json}: every step's fitted attributes under scikit-learn's names, versioned. Doubles
 * are written in Java's shortest round-trip form, so the state read back restores bit-identical transforms.
 * Arrays keep their type with a tag: {@code {"float64": [...]}} or {@code {"float64_2d": [[...], ...]}}.
 */
public final class FittedStateJson {
    static final String FORMAT = "shape.fitted_state";
    static final int VERSION = 1;

    private FittedStateJson() {
    }

    public static ObjectNode toJson(FittedPipeline fitted) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.set("features", Json.MAPPER.valueToTree(fitted.features()));
        ArrayNode steps = root.putArray("steps");
        for (FittedTransform t : fitted.transforms()) {
            FittedState s = t.state();
            ObjectNode step = steps.addObject();
            step.put("step", s.step());
            step.put("class", s.sklearnClass());
            step.put("input_width", s.inputWidth());
            step.put("output_width", s.outputWidth());
            ObjectNode attrs = step.putObject("attributes");
            s.attributes().forEach((k, v) -> attrs.set(k, value(v)));
        }
        return root;
    }

    public static FittedPipeline fromJson(JsonNode root, Pipeline pipeline, Path file) {
        if (!FORMAT.equals(root.path("format").asText()) || root.path("version").asInt() != VERSION) {
            throw invalid(file, "not a shape fitted state (format " + FORMAT + " version " + VERSION + ")");
        }
        List<String> features = new ArrayList<>();
        root.path("features").forEach(f -> features.add(f.asText()));
        if (!features.equals(pipeline.features())) {
            throw invalid(file, "it was fitted on features " + features + " but the spec uses "
                    + pipeline.features());
        }
        JsonNode steps = root.path("steps");
        if (steps.size() != pipeline.steps().size()) {
            throw invalid(file, "it has " + steps.size() + " steps but the spec has " + pipeline.steps().size());
        }
        List<FittedTransform> transforms = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode s = steps.get(i);
            Step step = pipeline.steps().get(i);
            String name = s.path("step").asText();
            String cls = s.path("class").asText();
            if (!name.equals(step.name()) || !cls.equals(step.sklearnClass())) {
                throw invalid(file, "step " + (i + 1) + " is '" + name + "' (" + cls + ") but the spec has '"
                        + step.name() + "' (" + step.sklearnClass() + ")");
            }
            Map<String, Object> attrs = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = s.path("attributes").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> a = it.next();
                attrs.put(a.getKey(), plain(a.getValue()));
            }
            FittedState state = new FittedState(name, cls, s.path("input_width").asInt(),
                    s.path("output_width").asInt(), attrs);
            try {
                transforms.add(step.restore(state));
            } catch (ShapeException | IllegalArgumentException e) {
                throw invalid(file, "step '" + name + "': " + e.getMessage());
            }
        }
        try {
            return new FittedPipeline(features, transforms);
        } catch (IllegalArgumentException e) {
            throw invalid(file, e.getMessage());
        }
    }

    private static JsonNode value(Object v) {
        if (v instanceof double[] a) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.set("float64", doubles(a));
            return o;
        }
        if (v instanceof double[][] m) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            ArrayNode rows = o.putArray("float64_2d");
            for (double[] row : m) {
                rows.add(doubles(row));
            }
            return o;
        }
        if (v instanceof Double d) {
            return Json.MAPPER.valueToTree(d);
        }
        return Json.MAPPER.valueToTree(v);
    }

    private static ArrayNode doubles(double[] a) {
        ArrayNode arr = Json.MAPPER.createArrayNode();
        for (double d : a) {
            arr.add(d);
        }
        return arr;
    }

    private static Object plain(JsonNode n) {
        if (n.isObject() && n.has("float64")) {
            return toDoubles(n.get("float64"));
        }
        if (n.isObject() && n.has("float64_2d")) {
            JsonNode rows = n.get("float64_2d");
            double[][] m = new double[rows.size()][];
            for (int i = 0; i < m.length; i++) {
                m[i] = toDoubles(rows.get(i));
            }
            return m;
        }
        if (n.isIntegralNumber()) {
            return n.longValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            String t = n.textValue();
            return switch (t) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> t;
            };
        }
        return Json.MAPPER.convertValue(n, Object.class);
    }

    private static double[] toDoubles(JsonNode arr) {
        double[] a = new double[arr.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = Json.toDouble(arr.get(i));
        }
        return a;
    }

    private static ShapeException invalid(Path file, String problem) {
        return ShapeException.invalidInput("fitted state " + file + " does not fit this spec: " + problem
                + " (use the fitted_state.json of a run of the same spec, or fit again without --fitted-state)");
    }
}
