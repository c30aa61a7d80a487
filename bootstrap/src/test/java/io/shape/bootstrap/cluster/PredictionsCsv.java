package io.shape.bootstrap.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** A predictions folder written with {@code --format csv} (columns row, prediction, decision_function). */
record PredictionsCsv(int[] labels, double[] decisions) {
    static PredictionsCsv read(Path folder, int rows) throws IOException {
        int[] labels = new int[rows];
        double[] decisions = new double[rows];
        boolean[] seen = new boolean[rows];
        List<Path> parts;
        try (Stream<Path> files = Files.list(folder)) {
            parts = files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
        long count = 0;
        for (Path part : parts) {
            try (BufferedReader in = Files.newBufferedReader(part)) {
                String header = in.readLine();
                if (header == null) {
                    continue;
                }
                if (!header.equals("row,prediction,decision_function")) {
                    throw new IllegalStateException(part + ": unexpected header " + header);
                }
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String[] cells = line.split(",");
                    int row = Integer.parseInt(cells[0]);
                    if (seen[row]) {
                        throw new IllegalStateException(part + ": row " + row + " written twice");
                    }
                    seen[row] = true;
                    labels[row] = Integer.parseInt(cells[1]);
                    decisions[row] = Double.parseDouble(cells[2]);
                    count++;
                }
            }
        }
        if (count != rows) {
            throw new IllegalStateException(folder + " holds " + count + " rows, expected " + rows);
        }
        return new PredictionsCsv(labels, decisions);
    }

    /** Rows whose label differs from {@code other}'s. */
    long flips(PredictionsCsv other) {
        long flips = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != other.labels[i]) {
                flips++;
            }
        }
        return flips;
    }

    double maxDecisionDifference(PredictionsCsv other) {
        double max = 0;
        for (int i = 0; i < decisions.length; i++) {
            max = Math.max(max, Math.abs(decisions[i] - other.decisions[i]));
        }
        return max;
    }

    long count(int label) {
        return Arrays.stream(labels).filter(l -> l == label).count();
    }
}
