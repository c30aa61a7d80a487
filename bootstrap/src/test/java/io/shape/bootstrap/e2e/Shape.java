package io.shape.bootstrap.e2e;

import io.shape.adapters.cli.ShapeCommand;
import io.shape.bootstrap.Wiring;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Runs the real command line in-process, wired as {@code ./shape} wires it, in a working directory. */
final class Shape {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path SEED_SPEC = REPO.resolve("artifacts/pipeline.jsonc");
    static final Path SEED_MODEL = REPO.resolve("artifacts/model.pkl");
    static final Path SEED_DATA = REPO.resolve("data/dataset.parquet");
    static final Path SEED_PREDICTIONS = REPO.resolve("reference/fixtures/seed/predictions.csv");

    private Shape() {
    }

    /** The outcome of one command. */
    record Result(int exitCode, String out, String err) {
    }

    static Result run(Path workingDir, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ShapeCommand.run(new Wiring(workingDir, env), new PrintWriter(out, true),
                new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** One scored row as read back from CSV part files. */
    record Scored(long row, String prediction, double decision) {
    }

    /** Every row of a CSV predictions folder, in row order. */
    static List<Scored> predictions(Path predictionsDir) throws IOException {
        List<Scored> rows = new ArrayList<>();
        try (Stream<Path> parts = Files.list(predictionsDir)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                rows.addAll(readCsv(part));
            }
        }
        rows.sort(java.util.Comparator.comparingLong(Scored::row));
        return rows;
    }

    static List<Scored> readCsv(Path file) throws IOException {
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
