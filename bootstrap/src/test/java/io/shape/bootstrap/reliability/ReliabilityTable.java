package io.shape.bootstrap.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Renders the counts the reliability tests left in {@code target/reliability/*.json} as the Markdown table
 * of docs/RELIABILITY.md ({@code target/reliability/table.md}); {@code .ci/reliability-table.sh} puts it
 * between the markers of the document.
 */
final class ReliabilityTable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReliabilityTable() {
    }

    static void render(Path dir) throws IOException {
        List<JsonNode> suites = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                suites.add(JSON.readTree(f.toFile()));
            }
        }
        Map<String, List<String>> byPromise = new TreeMap<>();
        int injected = 0;
        int survived = 0;
        String last = "";
        List<String> notes = new ArrayList<>();
        for (JsonNode suite : suites) {
            String finished = suite.path("finished").asText();
            last = finished.compareTo(last) > 0 ? finished : last;
            for (JsonNode e : suite.path("entries")) {
                int in = e.path("injected").asInt();
                int ok = e.path("survived").asInt();
                injected += in;
                survived += ok;
                byPromise.computeIfAbsent(e.path("promise").asText(), k -> new ArrayList<>()).add(String.format(
                        "| %s | `%s.%s` | %s | %d | %d |", e.path("promise").asText(), suite.path("suite").asText(),
                        e.path("test").asText(), e.path("cases").asText().replace("|", "\\|"), in, ok));
            }
            for (JsonNode n : suite.path("notes")) {
                notes.add("- " + suite.path("suite").asText() + ": " + n.asText());
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("Generated from the reliability suite's last run (finished ").append(last)
                .append("): ").append(injected).append(" faults and inputs injected, ").append(survived)
                .append(" survived.\n\n");
        md.append("| promise | test | what is injected | injected | survived |\n");
        md.append("|---|---|---|---:|---:|\n");
        byPromise.values().forEach(rows -> rows.forEach(r -> md.append(r).append('\n')));
        md.append(String.format("| **total** | | | **%d** | **%d** |%n", injected, survived));
        if (!notes.isEmpty()) {
            md.append("\nNotes of the run:\n\n");
            notes.forEach(n -> md.append(n).append('\n'));
        }
        Files.writeString(dir.resolve("table.md"), md.toString());
    }
}
