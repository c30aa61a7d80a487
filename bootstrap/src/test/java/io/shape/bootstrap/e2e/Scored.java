package io.shape.bootstrap.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** One scored row as read back from a CSV predictions file (columns row, prediction, decision_function). */
record Scored(long row, String prediction, double decision) {
    /** Every row of a CSV predictions folder, in row order. */
    static List<Scored> inFolder(Path predictionsDir) throws IOException {
        List<Scored> rows = new ArrayList<>();
        try (Stream<Path> parts = Files.list(predictionsDir)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                rows.addAll(inFile(part));
            }
        }
        rows.sort(Comparator.comparingLong(Scored::row));
        return rows;
    }

    static List<Scored> inFile(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> header = List.of(lines.get(0).split(","));
        int row = header.indexOf("row");
        int prediction = header.indexOf("prediction");
        int decision = header.indexOf("decision_function");
        List<Scored> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            out.add(new Scored(Long.parseLong(f[row]), f[prediction], Double.parseDouble(f[decision])));
        }
        return out;
    }
}
