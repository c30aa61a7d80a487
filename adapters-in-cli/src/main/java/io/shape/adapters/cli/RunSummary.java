package io.shape.adapters.cli;

import io.shape.domain.run.Run;
import io.shape.domain.run.RunMetrics;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** The human summary of a run, on stderr: outcome, label counts, where the outputs are. */
final class RunSummary {
    private RunSummary() {
    }

    static void print(Run run, PrintWriter err) {
        RunMetrics m = run.metrics();
        if (m != null) {
            err.printf(Locale.ROOT, "run %s %s: %,d rows in %.2f s (%,.0f rows/s), engine %s%n", run.id(),
                    run.status(), m.rows(), m.durationS(), m.rowsPerS(), run.engine());
            StringBuilder counts = new StringBuilder();
            for (Map.Entry<String, Long> e : m.predictionCounts().entrySet()) {
                counts.append(counts.length() == 0 ? "" : ", ").append(e.getValue()).append(" × ").append(e.getKey());
            }
            if (counts.length() > 0) {
                err.println("predictions: " + counts);
            }
        } else {
            err.printf(Locale.ROOT, "run %s %s: %s%n", run.id(), run.status(),
                    run.error() == null ? "" : run.error().message());
        }
        if (run.outputs() != null) {
            err.println("output: " + run.outputs().directory());
        }
        run.services().forEach((service, outcome) -> {
            if (!outcome.equals("delivered") && !outcome.equals("logged")) {
                err.println(service + ": " + outcome);
            }
        });
        err.flush();
    }
}
