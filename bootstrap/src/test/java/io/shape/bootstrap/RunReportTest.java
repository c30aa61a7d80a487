package io.shape.bootstrap;

import io.shape.adapters.cli.ShapeCommand;
import io.shape.adapters.local.LocalTableColumns;
import io.shape.domain.data.Fingerprints;
import io.shape.domain.port.TableColumns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code shape score --report} and {@code shape report} on the seed, through the real wiring. */
class RunReportTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path REFERENCE = REPO.resolve("reference/fixtures/seed/predictions.csv");

    @TempDir
    Path work;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void copySeed() throws IOException {
        Files.createDirectories(work.resolve("artifacts"));
        Files.createDirectories(work.resolve("data"));
        Files.copy(REPO.resolve("artifacts/pipeline.jsonc"), work.resolve("artifacts/pipeline.jsonc"));
        Files.copy(REPO.resolve("artifacts/model.pkl"), work.resolve("artifacts/model.pkl"));
        Files.copy(REPO.resolve("data/dataset.parquet"), work.resolve("data/dataset.parquet"));
    }

    @Test
    void theSeedReportShowsWhatTheRunFound() throws IOException {
        assertEquals(0, shape("score", "--report", "--spec", "artifacts/pipeline.jsonc", "--data",
                "data/dataset.parquet", "--output", "first"), err.toString());
        Path page = work.resolve("first/report.html");
        assertTrue(Files.isRegularFile(page), err.toString());
        assertTrue(err.toString().contains("report: " + page), err.toString());
        String html = Files.readString(page);

        // Every feature chart marks the 31 outliers, each row individually (295 rows: no downsampling).
        List<String> marked = all(html, "data-anomalies=\"(\\d+)\"");
        assertEquals(List.of("31", "31", "31"), marked);
        assertTrue(html.contains("Features over time"), "the seed has a time column");
        assertTrue(html.contains("Every one of the 295 rows is drawn"));
        // Labels as scikit-learn gives them.
        assertTrue(html.contains("<td>-1</td><td class=\"n\">31</td>"), html);
        assertTrue(html.contains("<td>1</td><td class=\"n\">264</td>"), html);
        assertTrue(html.contains("10.51 %"), "31 / 295");
        // The histogram, and the rows near the boundary as scikit-learn's decision values count them.
        assertTrue(html.contains("id=\"histogram\" src=\"data:image/png;base64,"));
        assertTrue(html.contains("<b>" + nearBoundaryInReference() + "</b> rows are within ±0.01"), html);
        // Inputs are traced by their fingerprints.
        assertTrue(html.contains(Fingerprints.sha256(work.resolve("artifacts/pipeline.jsonc"))));
        assertTrue(html.contains(Fingerprints.sha256(work.resolve("artifacts/model.pkl"))));
        assertTrue(html.contains(Fingerprints.dataset(work.resolve("data/dataset.parquet").toString())));
        // Fitted state summary: the quantile ranges and the scaler.
        assertTrue(html.contains("qtransf — QuantileTransformer (10 → 10 columns)"), html);
        assertTrue(html.contains("<code>quantiles_</code>: 295 × 10"), html);
        assertTrue(html.contains("stdscaler — StandardScaler (66 → 66 columns)"), html);
        assertTrue(html.contains("No earlier successful run"));
        // Self-contained: nothing is fetched from anywhere.
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "the page must not load anything");
        assertTrue(Files.size(page) < 1_000_000, "report size " + Files.size(page));
        // The run record also went to the tracker's artifact list without trouble.
        assertFalse(Files.readString(work.resolve("first/run.json")).contains("\"report\""));
    }

    @Test
    void aSecondRunIsComparedWithTheFirstAndDriftShows() throws IOException {
        assertEquals(0, shape("score", "--output", "first"), err.toString());
        String firstId = runId(work.resolve("first/run.json"));
        // Same spec and model, the same rows with vibration_x moved by +5: the fitted statistics drift.
        writeShiftedCsv(work.resolve("data/shifted.csv"), 5.0);
        assertEquals(0, shape("score", "--report", "--data", "data/shifted.csv", "--output", "second"),
                err.toString());
        String html = Files.readString(work.resolve("second/report.html"));
        assertTrue(html.contains("Previous run <b>" + firstId + "</b>"), html);
        assertTrue(html.contains("id=\"drift\""), html);
        // A constant shift of x moves the mean of the first polynomial column of the scaler, not its quantile
        // ranks: shifts of a monotone transform's input stay invisible to quantiles downstream.
        Matcher qrow = Pattern.compile("<tr><td>qtransf</td><td>quantiles_\\[q=0\\.50\\]\\[1\\]</td>"
                + "<td class=\"n\">([^<]+)</td><td class=\"n\">([^<]+)</td>").matcher(html);
        assertTrue(qrow.find(), "the median of x's quantiles is among the largest shifts: " + html);
        assertEquals(Double.parseDouble(qrow.group(1)) + 5.0, Double.parseDouble(qrow.group(2)), 1e-3);

        // `shape report` renders the first run again, now with no run before it.
        out.getBuffer().setLength(0);
        assertEquals(0, shape("report", firstId), err.toString());
        assertEquals(work.resolve("first/report.html").toString(), out.toString().trim());
        assertTrue(Files.readString(work.resolve("first/report.html")).contains("No earlier successful run"));
    }

    /**
     * A fitted Pipeline pickle applied as pickled, without a spec: the report shows each pickled step by its path,
     * class, parameters and the pickle's fitted values; a second run of the same file compares without drift.
     */
    @Test
    void aPickledPipelinesReportShowsItsFittedValues() throws IOException {
        Path fixture = REPO.resolve("reference/fixtures/pipelines/ct_onehot_ignore_logreg");
        Files.copy(fixture.resolve("model.pkl"), work.resolve("pipeline.pkl"));
        Files.copy(fixture.resolve("data.parquet"), work.resolve("data/table.parquet"));
        assertEquals(0, shape("score", "--model", "pipeline.pkl", "--data", "data/table.parquet", "--output", "first"),
                err.toString());
        String firstId = runId(work.resolve("first/run.json"));
        assertEquals(0, shape("score", "--report", "--model", "pipeline.pkl", "--data", "data/table.parquet",
                "--output", "second"), err.toString());
        Path page = work.resolve("second/report.html");
        assertTrue(Files.isRegularFile(page), err.toString());
        String html = Files.readString(page);

        assertTrue(html.contains("<h3>pre — ColumnTransformer (5 → 14 columns)</h3>"), html);
        assertTrue(html.contains("remainder = drop"), "the ColumnTransformer's parameters: " + html);
        assertTrue(html.contains("<h3>pre/num — StandardScaler (2 → 2 columns)</h3>"
                + "<p class=\"columns\">columns &#39;temp&#39;, &#39;pressure&#39;</p>"), html);
        // The pickle's mean_ and scale_ (read from model.pkl with Python's pickle, scikit-learn's classes stubbed:
        // mean_ [20.142190666666668, 3.017623333333333], scale_ [4.127540216761013, 1.535076881936392]), shown
        // to six significant digits.
        assertTrue(html.contains("[0] 20.1422, [1] 3.01762"), html);
        assertTrue(html.contains("[0] 4.12754, [1] 1.53508"), html);
        assertTrue(html.contains("<h3>pre/cat — OneHotEncoder (2 → 12 columns)</h3>"), html);
        assertTrue(html.contains("handle_unknown = ignore"), html);
        // Its categories_ as the pickle holds them: texts then None (a string column), and NaN (a categorical one).
        assertTrue(html.contains("<tr><td>&#39;color&#39;</td><td>&#39;black&#39;, &#39;blue&#39;, &#39;green&#39;, "
                + "&#39;red&#39;, &#39;teal&#39;, &#39;white&#39;, None</td></tr>"), html);
        assertTrue(html.contains("<tr><td>&#39;size&#39;</td><td>&#39;L&#39;, &#39;M&#39;, &#39;S&#39;, &#39;XL&#39;, "
                + "nan</td></tr>"), html);
        assertFalse(html.contains("not shown"), html);
        // The first run of the same file is the previous one: the same pickle, so nothing drifted.
        assertTrue(html.contains("Previous run <b>" + firstId + "</b>"), html);
        assertTrue(html.matches("(?s).*All \\d+ fitted statistics compared are identical.*"), html);
    }

    @Test
    void anUnknownRunIsAUsageError() {
        assertEquals(2, shape("report", "20200101-000000-00000000"));
        assertTrue(err.toString().contains("no run 20200101-000000-00000000"), err.toString());
    }

    private int shape(String... args) {
        return ShapeCommand.run(new Wiring(work, Map.of()), new PrintWriter(out, true), new PrintWriter(err, true),
                args);
    }

    private static long nearBoundaryInReference() throws IOException {
        return Files.readAllLines(REFERENCE).stream().skip(1).map(l -> l.split(","))
                .filter(f -> Math.abs(Double.parseDouble(f[2])) <= 0.01).count();
    }

    private static String runId(Path runJson) throws IOException {
        Matcher m = Pattern.compile("\"run_id\"\\s*:\\s*\"([^\"]+)\"").matcher(Files.readString(runJson));
        assertTrue(m.find());
        return m.group(1);
    }

    private static List<String> all(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** The seed as CSV with {@code dx} added to vibration_x (read with the engine's own reader). */
    private void writeShiftedCsv(Path csv, double dx) throws IOException {
        List<String> columns = List.of("time", "vibration_x", "vibration_y", "vibration_z");
        StringBuilder b = new StringBuilder(String.join(",", columns)).append('\n');
        TableColumns tables = new LocalTableColumns();
        try (TableColumns.Cursor c = tables.open(work.resolve("data/dataset.parquet").toString(), columns)) {
            double[] row = new double[4 * 512];
            int n;
            while ((n = c.read(row, 512)) > 0) {
                for (int r = 0; r < n; r++) {
                    b.append(row[4 * r]).append(',').append(row[4 * r + 1] + dx).append(',').append(row[4 * r + 2])
                            .append(',').append(row[4 * r + 3]).append('\n');
                }
            }
        }
        Files.writeString(csv, b.toString());
    }
}
