package io.shape.application.port.in;

import io.shape.domain.ErrorKind;
import io.shape.domain.GivenPath;
import io.shape.domain.ShapeException;
import io.shape.domain.data.DataFormat;
import io.shape.domain.data.FileConfinement;
import io.shape.domain.data.InputFiles;
import io.shape.domain.run.RunId;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to score a table: validated on construction, so a bad request fails before a run exists.
 *
 * @param output        the run's output folder, a path or a file system URI ({@code hdfs:///runs/today});
 *                      empty for {@code <output root>/<run id>}
 * @param spec          the pipeline spec; empty when the model file holds the whole fitted pipeline
 * @param model         the model file (a fitted estimator or {@code Pipeline} pickle), instead of the spec's
 *                      {@code "model"} entry; required without a spec
 * @param fittedState   score with this saved preprocessing state instead of fitting
 * @param engineOptions engine settings ({@code master}, {@code spark.*}, ...)
 * @param assigned      the id and creation time the run must take, when they were given before it started
 *                      (a queued submission); empty to let the run create its own
 * @param report        also write {@code report.html} when the run succeeds (before tracking ends, so it is
 *                      logged with the other artifacts)
 * @param confinement   the folders the run may read and write, checked when each file is opened (a server's
 *                      allowed roots); {@link FileConfinement#NONE} on the command line
 * @param features      the table's columns to score, in order ({@code --features}); empty for the model's
 *                      {@code feature_names_in_} or the spec's
 */
public record ScoreCommand(Optional<Path> spec, String data, Optional<Path> model, Optional<String> output,
                           String engine, DataFormat format,
                           Optional<Path> fittedState, Map<String, String> engineOptions, Optional<Assigned> assigned,
                           boolean report, FileConfinement confinement, List<String> features) {
    public ScoreCommand {
        Objects.requireNonNull(confinement, "confinement");
        Objects.requireNonNull(spec, "spec");
        if (spec.isEmpty() && model.isEmpty()) {
            throw new ShapeException(ErrorKind.USAGE, "nothing to score with: give --model a fitted pickle "
                    + "(a Pipeline or an estimator), or --spec a pipeline.jsonc");
        }
        Objects.requireNonNull(assigned, "assigned");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(fittedState, "fittedState");
        Objects.requireNonNull(format, "format");
        if (data == null || data.isBlank()) {
            throw new ShapeException(ErrorKind.USAGE, "no data to score: give --data a parquet/CSV file or folder");
        }
        if (!data.contains("://")) {
            GivenPath.of("--data", data); // a local table: its path must be one (a URI is the engine's to read)
        }
        output.filter(InputFiles::isLocal).ifPresent(o -> GivenPath.of("--output", o));
        if (engine == null || engine.isBlank()) {
            throw new ShapeException(ErrorKind.USAGE, "no engine: use --engine local or --engine spark");
        }
        engineOptions = Map.copyOf(engineOptions);
        features = List.copyOf(features);
        if (features.stream().anyMatch(String::isBlank) || features.stream().distinct().count() < features.size()) {
            throw new ShapeException(ErrorKind.USAGE, "--features must list distinct column names, got "
                    + String.join(",", features));
        }
    }

    /** An unconfined command. */
    public ScoreCommand(Optional<Path> spec, String data, Optional<Path> model, Optional<String> output,
                        String engine, DataFormat format, Optional<Path> fittedState, Map<String, String> engineOptions,
                        Optional<Assigned> assigned, boolean report) {
        this(spec, data, model, output, engine, format, fittedState, engineOptions, assigned, report,
                FileConfinement.NONE, List.of());
    }

    /** A command without a report. */
    public ScoreCommand(Optional<Path> spec, String data, Optional<Path> model, Optional<String> output,
                        String engine, DataFormat format, Optional<Path> fittedState, Map<String, String> engineOptions,
                        Optional<Assigned> assigned) {
        this(spec, data, model, output, engine, format, fittedState, engineOptions, assigned, false);
    }

    /** A command whose run creates its own id. */
    public ScoreCommand(Optional<Path> spec, String data, Optional<Path> model, Optional<String> output,
                        String engine, DataFormat format, Optional<Path> fittedState, Map<String, String> engineOptions) {
        this(spec, data, model, output, engine, format, fittedState, engineOptions, Optional.empty());
    }

    /** The same command, for a run that must take the given id and creation time. */
    public ScoreCommand assignedTo(RunId id, Instant createdAt) {
        return new ScoreCommand(spec, data, model, output, engine, format, fittedState, engineOptions,
                Optional.of(new Assigned(id, createdAt)), report, confinement, features);
    }

    /** The same command, asking for {@code report.html} or not. */
    public ScoreCommand withReport(boolean wanted) {
        return new ScoreCommand(spec, data, model, output, engine, format, fittedState, engineOptions, assigned,
                wanted, confinement, features);
    }

    /** The same command, confined to {@code folders}. */
    public ScoreCommand confinedTo(FileConfinement folders) {
        return new ScoreCommand(spec, data, model, output, engine, format, fittedState, engineOptions, assigned,
                report, folders, features);
    }

    /** The same command, scoring the table's {@code columns} (in order) instead of the spec's or the model's. */
    public ScoreCommand withFeatures(List<String> columns) {
        return new ScoreCommand(spec, data, model, output, engine, format, fittedState, engineOptions, assigned,
                report, confinement, columns);
    }

    /** A run's identity given at submission, before it runs. */
    public record Assigned(RunId id, Instant createdAt) {
        public Assigned {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }
}
