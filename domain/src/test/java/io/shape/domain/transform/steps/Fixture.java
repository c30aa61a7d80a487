package io.shape.domain.transform.steps;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.shape.domain.spec.PipelineSpec;
import io.shape.domain.spec.StepSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** One scikit-learn fixture case written by reference/transformers.py. */
record Fixture(String name, Path dir) {
    static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    static Path reference() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("reference/fixtures"))) {
                return p.resolve("reference");
            }
        }
        throw new IllegalStateException("reference/fixtures not found above " + Path.of("").toAbsolutePath());
    }

    static Stream<Fixture> all() throws IOException {
        Path root = reference().resolve("fixtures/transformers");
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).sorted().map(d -> new Fixture(d.getFileName().toString(), d))
                    .toList().stream();
        }
    }

    @Override
    public String toString() {
        return name;
    }

    PipelineSpec spec() {
        return spec(dir.resolve("spec.json"));
    }

    static PipelineSpec spec(Path file) {
        JsonNode root = read(file);
        List<StepSpec> steps = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("steps").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isObject()) {
                continue; // "model"
            }
            Map.Entry<String, JsonNode> cls = e.getValue().fields().next();
            Map<String, Object> params = new java.util.LinkedHashMap<>();
            cls.getValue().fields().forEachRemaining(p -> params.put(p.getKey(), plain(p.getValue())));
            steps.add(new StepSpec(e.getKey(), cls.getKey(), params));
        }
        Optional<List<String>> features = Optional.ofNullable(root.get("features"))
                .map(f -> { List<String> l = new ArrayList<>(); f.forEach(x -> l.add(x.asText())); return l; });
        return new PipelineSpec(steps, "model.pkl", features);
    }

    /** JSON → the plain values StepSpec documents: Boolean, Long, Double, String, List, null. */
    static Object plain(JsonNode n) {
        if (n.isNull()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            return n.longValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(x -> l.add(plain(x)));
            return l;
        }
        return n.asText();
    }

    JsonNode fitted() {
        return read(dir.resolve("fitted.json"));
    }

    double[][] input() {
        return csv(dir.resolve("input.csv"));
    }

    double[][] transformed() {
        return csv(dir.resolve("transformed.csv"));
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[][] csv(Path file) {
        return csv(file, true);
    }

    static double[][] csv(Path file, boolean header) {
        try {
            List<String> lines = Files.readAllLines(file);
            int skip = header ? 1 : 0;
            double[][] rows = new double[lines.size() - skip][];
            for (int i = skip; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(",");
                rows[i - skip] = new double[cells.length];
                for (int j = 0; j < cells.length; j++) {
                    rows[i - skip][j] = Double.parseDouble(cells[j]);
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
