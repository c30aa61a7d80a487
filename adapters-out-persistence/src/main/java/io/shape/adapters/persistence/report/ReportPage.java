package io.shape.adapters.persistence.report;

import io.shape.domain.report.Anomalies;
import io.shape.domain.report.DecisionHistogram;
import io.shape.domain.report.FeatureSeries;
import io.shape.domain.report.ReportContent;
import io.shape.domain.report.ReportedStep;
import io.shape.domain.report.RunComparison;
import io.shape.domain.report.SeriesSample;
import io.shape.domain.report.StatisticShift;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunInputs;
import io.shape.domain.run.RunMetrics;
import io.shape.domain.transform.FittedState;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Lays out a {@link ReportContent} as one HTML page: summary, charts, inputs, fitted state, comparison. */
final class ReportPage {
    /** Statistic shifts listed at most; the largest come first. */
    static final int SHIFTS_SHOWN = 20;
    /** Categories listed at most per column of an encoder. */
    static final int LABELS_SHOWN = 100;

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#222;margin:0;
            background:#f6f7f9}main{max-width:1160px;margin:0 auto;padding:20px 24px 40px}
            h1{font-size:22px;margin:8px 0 2px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;
            padding-bottom:4px}h3{font-size:14px;margin:16px 0 6px}.sub{color:#666;font-size:13px}
            .cards{display:flex;flex-wrap:wrap;gap:10px;margin-top:14px}.card{background:#fff;border:1px solid #e2e4e8;
            border-radius:6px;padding:10px 14px;min-width:130px}.card b{display:block;font-size:20px}
            .card span{color:#666;font-size:12px}.card.alert b{color:#c0392b}
            table{border-collapse:collapse;background:#fff;font-size:13px;margin:4px 0}
            td,th{border:1px solid #e2e4e8;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f0f2f5}
            td.n{text-align:right;font-variant-numeric:tabular-nums}code{font-size:12px;word-break:break-all}
            img{display:block;max-width:100%;background:#fff;border:1px solid #e2e4e8;margin:6px 0}
            .note{background:#fff8e1;border:1px solid #f0d890;padding:6px 10px;border-radius:4px;font-size:13px}
            p{font-size:13px;line-height:1.45}details{font-size:12px}footer{color:#888;font-size:12px;margin-top:30px}
            """;

    private ReportPage() {
    }

    static String render(ReportContent content, Instant now) {
        Html h = new Html();
        Run run = content.run();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .element("title", "shape run " + run.id()).raw("<style>").raw(STYLE).raw("</style></head><body><main>\n");
        header(h, content);
        series(h, content.series());
        content.histogram().ifPresent(hist -> histogram(h, hist));
        labels(h, run.metrics());
        inputs(h, run.inputs());
        fitted(h, content.fitted());
        comparison(h, content);
        if (!content.notes().isEmpty()) {
            h.raw("<h2>Notes</h2>");
            for (String note : content.notes()) {
                h.raw("<p class=\"note\">").text(note).raw("</p>");
            }
        }
        h.raw("<footer>Written by <code>shape report</code> at ").text(now).raw(". Self-contained: styles and ")
                .raw("charts (drawn with XChart) are inside this file.</footer>\n</main></body></html>\n");
        return h.toString();
    }

    private static void header(Html h, ReportContent content) {
        Run run = content.run();
        RunMetrics m = run.metrics();
        h.raw("<h1>Run ").text(run.id()).raw("</h1><div class=\"sub\">").text(run.status()).raw(" · engine ")
                .text(run.engine()).raw(" · model ").text(run.inputs() == null ? null : run.inputs().modelClass())
                .raw(" · started ").text(run.startedAt()).raw(" · ended ").text(run.endedAt()).raw("</div>");
        h.raw("<div class=\"cards\">");
        card(h, Html.count(m.rows()), "rows", false);
        if (Anomalies.marked(run)) {
            long outliers = m.predictionCounts().getOrDefault(Long.toString(Anomalies.OUTLIER), 0L);
            card(h, Html.count(outliers), "anomalies (label -1)", outliers > 0);
            card(h, Html.percent(Anomalies.rate(run).orElse(Double.NaN)), "anomaly rate", false);
        }
        content.histogram().ifPresent(hist -> card(h, Html.count(hist.nearBoundary()),
                "rows with |decision| ≤ " + hist.nearWidth(), hist.nearBoundary() > 0));
        card(h, Html.count(Math.round(m.rowsPerS())), "rows/s", false);
        card(h, String.format(java.util.Locale.ROOT, "%.2f s", m.durationS()), "duration", false);
        h.raw("</div>\n");
    }

    private static void card(Html h, String value, String label, boolean alert) {
        h.raw(alert ? "<div class=\"card alert\"><b>" : "<div class=\"card\"><b>").text(value).raw("</b><span>")
                .text(label).raw("</span></div>");
    }

    private static void series(Html h, SeriesSample s) {
        h.raw("<h2>Features over ").text(s.keyColumn()).raw("</h2><p>");
        if (s.keyColumn().equals("row")) {
            h.raw("The data has no <code>time</code> column: the x axis is the row position. ");
        } else {
            h.raw("The x axis is the data's <code>time</code> column. ");
        }
        if (s.rowsPerBucket() > 1) {
            h.raw("The run has ").text(Html.count(s.rows())).raw(" rows, so the lines are downsampled: for every ")
                    .text(Html.count(s.rowsPerBucket())).raw(" consecutive rows the minimum and the maximum are drawn ")
                    .raw("(in row order), so spikes stay visible. ");
        } else {
            h.raw("Every one of the ").text(Html.count(s.rows())).raw(" rows is drawn. ");
        }
        if (s.anomalyMeaning().isEmpty()) {
            h.raw("No rows are marked: only outlier detectors' label -1 counts as an anomaly (a classifier's ")
                    .raw("classes are not anomalies).");
        } else {
            h.raw("Red dots: anomalous rows (").text(s.anomalyMeaning()).raw("), each drawn individually — ")
                    .text(Html.count(s.anomaliesShown())).raw(" of ").text(Html.count(s.anomalies()));
            h.raw(s.anomaliesShown() < s.anomalies() ? " (the first ones in row order; the rest are counted above)."
                    : ".");
        }
        h.raw("</p>\n");
        String line = s.rowsPerBucket() > 1 ? "min/max per " + Html.count(s.rowsPerBucket()) + " rows" : "value";
        String marks = "anomaly (" + Html.count(s.anomaliesShown()) + ")";
        for (FeatureSeries f : s.features()) {
            h.raw("<img alt=\"").text(f.feature() + " over " + s.keyColumn()).raw("\" data-anomalies=\"")
                    .text(f.anomalyKeys().length).raw("\" src=\"").raw(Charts.series(f, s.keyColumn(), line, marks))
                    .raw("\">\n");
        }
    }

    private static void histogram(Html h, DecisionHistogram hist) {
        h.raw("<h2>Decision function</h2><p>Distribution of <code>decision_function</code> over ")
                .text(Html.count(hist.rows())).raw(" rows in ").text(hist.counts().length)
                .raw(" bins; the dashed line is the decision boundary 0 (a row at exactly 0 is an outlier). ")
                .raw("<b>").text(Html.count(hist.nearBoundary())).raw("</b> rows are within ±")
                .text(hist.nearWidth()).raw(" of it: there, a tiny numeric difference would flip the label.");
        if (hist.missing() > 0) {
            h.raw(" ").text(Html.count(hist.missing())).raw(" rows have no decision value (NaN).");
        }
        h.raw("</p><img alt=\"decision_function histogram\" id=\"histogram\" src=\"").raw(Charts.histogram(hist))
                .raw("\">\n");
    }

    private static void labels(Html h, RunMetrics m) {
        h.raw("<h2>Predictions</h2><table><tr><th>label</th><th>rows</th><th>share</th></tr>\n");
        for (Map.Entry<String, Long> e : m.predictionCounts().entrySet()) {
            h.raw("<tr class=\"label\"><td>").text(e.getKey()).raw("</td><td class=\"n\">").text(Html.count(e.getValue()))
                    .raw("</td><td class=\"n\">").text(Html.percent((double) e.getValue() / Math.max(1, m.rows())))
                    .raw("</td></tr>\n");
        }
        h.raw("</table><p>Data shape ").text(m.dataShape()).raw(", transformed ").text(m.transformedShape())
                .raw(". Phases: ");
        m.phaseSeconds().forEach((phase, s) -> h.text(phase + " " + String.format(java.util.Locale.ROOT, "%.3f s", s))
                .raw("; "));
        h.raw("</p>\n");
    }

    private static void inputs(Html h, RunInputs in) {
        h.raw("<h2>Inputs</h2>");
        if (in == null) {
            h.raw("<p>Not recorded.</p>");
            return;
        }
        h.raw("<table><tr><th></th><th>path</th><th>fingerprint</th></tr>\n");
        if (in.specPath() == null) {
            h.raw("<tr><td>spec</td><td colspan=\"2\">none: the model file is the whole fitted pipeline</td></tr>\n");
        } else {
            h.raw("<tr><td>spec</td><td><code>").text(in.specPath()).raw("</code></td><td><code>sha256 ")
                    .text(in.specSha256()).raw("</code></td></tr>\n");
        }
        h.raw("<tr><td>model</td><td><code>").text(in.modelPath()).raw("</code> (").text(in.modelClass())
                .raw(")</td><td><code>sha256 ").text(in.modelSha256()).raw("</code></td></tr>\n");
        h.raw("<tr><td>data</td><td><code>").text(in.dataPath()).raw("</code></td><td><code>")
                .text(in.dataFingerprint()).raw("</code></td></tr>\n");
        if (in.fittedState() != null) {
            h.raw("<tr><td>fitted state</td><td colspan=\"2\"><code>").text(in.fittedState()).raw("</code></td></tr>");
        }
        h.raw("</table><p class=\"sub\">The data fingerprint hashes the files' names, sizes and modification times.</p>\n");
    }

    private static void fitted(Html h, List<ReportedStep> steps) {
        h.raw("<h2>Fitted state</h2>");
        if (steps.isEmpty()) {
            h.raw("<p>Not available (see the notes).</p>");
            return;
        }
        for (ReportedStep s : steps) {
            FittedState state = s.state();
            h.raw("<h3>").text(s.path() + " — " + s.sklearnClass() + " (" + state.inputWidth() + " → "
                    + state.outputWidth() + " columns)").raw("</h3>");
            if (!s.columns().isEmpty()) {
                h.raw("<p class=\"columns\">columns ").text(String.join(", ", s.columns())).raw("</p>");
            }
            if (!s.params().isEmpty()) {
                StringBuilder params = new StringBuilder();
                s.params().forEach((k, v) -> params.append(params.isEmpty() ? "" : ", ").append(k).append(" = ")
                        .append(v));
                h.raw("<p class=\"sub params\">parameters: ").text(params).raw("</p>");
            }
            StringBuilder scalars = new StringBuilder();
            for (Map.Entry<String, Object> a : s.shown().entrySet()) {
                Object v = a.getValue();
                if (v instanceof double[][] m && a.getKey().equals("quantiles_") && rectangular(m)) {
                    matrix(h, a.getKey(), m);
                } else if (v instanceof double[][] m) {
                    rows(h, a.getKey(), m);
                } else if (v instanceof double[] arr) {
                    vector(h, a.getKey(), arr);
                } else if (v instanceof List<?> perColumn) {
                    labels(h, a.getKey(), perColumn, s.columns());
                } else {
                    scalars.append(scalars.isEmpty() ? "" : ", ").append(a.getKey()).append(" = ")
                            .append(v instanceof Double d ? Html.number(d) : String.valueOf(v));
                }
            }
            if (!scalars.isEmpty()) {
                h.raw("<p>").text(scalars).raw("</p>");
            }
        }
    }

    private static boolean rectangular(double[][] m) {
        return Arrays.stream(m).allMatch(r -> r.length == m[0].length);
    }

    /** A matrix row by row (PCA's components_, an encoder's per-column grouping), each row as a vector. */
    private static void rows(Html h, String name, double[][] m) {
        for (int i = 0; i < m.length; i++) {
            vector(h, name + "[" + i + "]", m[i]);
        }
    }

    /** Labels per input column (an encoder's categories_), named by the step's columns when it has them. */
    private static void labels(Html h, String name, List<?> perColumn, List<String> columns) {
        h.raw("<p><code>").text(name).raw("</code>, per column:</p><table class=\"categories\"><tr><th>column</th>")
                .raw("<th>categories</th></tr>\n");
        for (int c = 0; c < perColumn.size(); c++) {
            List<?> labels = perColumn.get(c) instanceof List<?> l ? l : List.of(perColumn.get(c));
            String shown = labels.stream().limit(LABELS_SHOWN).map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(", "));
            if (labels.size() > LABELS_SHOWN) {
                shown += ", … (" + labels.size() + " in all)";
            }
            h.row(columns.size() == perColumn.size() ? columns.get(c) : "#" + c, shown);
        }
        h.raw("</table>\n");
    }

    /** A quantile-like matrix: per column, the first, quartile, median and last rows. */
    private static void matrix(Html h, String name, double[][] m) {
        h.raw("<p><code>").text(name).raw("</code>: ").text(m.length + " × " + (m.length == 0 ? 0 : m[0].length))
                .raw(", per column (rows at 0, 25, 50, 75, 100 % of the references):</p>");
        if (m.length == 0) {
            return;
        }
        h.raw("<table><tr><th>column</th><th>0 %</th><th>25 %</th><th>50 %</th><th>75 %</th><th>100 %</th></tr>\n");
        for (int c = 0; c < m[0].length; c++) {
            h.row(c, at(m, 0, c), at(m, 0.25, c), at(m, 0.5, c), at(m, 0.75, c), at(m, 1, c));
        }
        h.raw("</table>\n");
    }

    private static double at(double[][] m, double level, int column) {
        return m[(int) Math.round(level * (m.length - 1))][column];
    }

    private static void vector(Html h, String name, double[] v) {
        double min = Arrays.stream(v).min().orElse(Double.NaN);
        double max = Arrays.stream(v).max().orElse(Double.NaN);
        h.raw("<details><summary><code>").text(name).raw("</code>: ").text(v.length + " values, from "
                + Html.number(min) + " to " + Html.number(max)).raw("</summary><p><code>");
        for (int i = 0; i < v.length; i++) {
            h.text((i == 0 ? "" : ", ") + "[" + i + "] " + Html.number(v[i]));
        }
        h.raw("</code></p></details>\n");
    }

    private static void comparison(Html h, ReportContent content) {
        h.raw("<h2>Compared with the previous run</h2>");
        if (content.previous().isEmpty()) {
            h.raw("<p>No earlier successful run of the same spec and model (same sha256 of both; of the model ")
                    .raw("alone for a run without a spec) is in the run store.</p>");
            return;
        }
        RunComparison c = content.previous().get();
        Run before = c.previous();
        h.raw("<p>Previous run <b>").text(before.id()).raw("</b> (").text(before.createdAt()).raw(", ")
                .text(Html.count(before.metrics().rows())).raw(" rows, data <code>")
                .text(before.inputs().dataPath()).raw("</code>).</p>");
        h.raw("<table><tr><th></th><th>previous</th><th>this run</th><th>change</th></tr>");
        h.raw("<tr><td>anomaly rate</td><td class=\"n\">").text(Html.percent(c.previousAnomalyRate()))
                .raw("</td><td class=\"n\">").text(Html.percent(c.anomalyRate())).raw("</td><td class=\"n\">")
                .text(String.format(java.util.Locale.ROOT, "%+.2f pp", 100 * (c.anomalyRate() - c.previousAnomalyRate())))
                .raw("</td></tr></table>");
        if (c.shifts().isEmpty()) {
            h.raw("<p>No fitted statistics to compare (see the notes).</p>");
            return;
        }
        List<StatisticShift> moved = c.shifts().stream().filter(s -> s.shift() != 0).toList();
        if (moved.isEmpty()) {
            h.raw("<p>All ").text(c.shifts().size()).raw(" fitted statistics compared are identical to the previous ")
                    .raw("run's.</p>");
            return;
        }
        StatisticShift largest = moved.get(0);
        h.raw("<p>Drift of the fitted statistics: ").text(moved.size()).raw(" of ").text(c.shifts().size())
                .raw(" moved; the ").text(Math.min(SHIFTS_SHOWN, moved.size())).raw(" largest below. <i>Relative</i> ")
                .raw("is the shift in units of the newer spread: StandardScaler <code>scale_</code> for ")
                .raw("<code>mean_</code>, the column's interquartile range for <code>quantiles_</code> (absolute when ")
                .raw("there is no spread). Largest: ").text(largest.step() + " " + largest.statistic() + " moved "
                        + Html.number(largest.relative())).raw(".</p>");
        h.raw("<table id=\"drift\"><tr><th>step</th><th>statistic</th><th>previous</th><th>this run</th><th>shift</th>")
                .raw("<th>relative</th></tr>\n");
        for (StatisticShift s : moved.subList(0, Math.min(SHIFTS_SHOWN, moved.size()))) {
            h.row(s.step(), s.statistic(), s.before(), s.after(), s.shift(), s.relative());
        }
        h.raw("</table>\n");
    }
}
