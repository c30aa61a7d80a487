package io.shape.adapters.cli;

import io.shape.application.port.in.ScoreCommand;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.data.DataFormat;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code shape submit --server HOST:PORT}: queue a scoring run on a shape server, print its id. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Submit a scoring run to a shape server; prints the run id (and follows it with --watch).")
final class SubmitCli implements Callable<Integer> {
    private final ServicesFactory services;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Option(names = "--server", required = true, paramLabel = "HOST:PORT", description = "The shape server.")
    String server;

    @Option(names = "--spec", paramLabel = "FILE", description = "Pipeline spec, as the server sees it. Default: artifacts/pipeline.jsonc.")
    Path specFile;

    @Option(names = "--data", paramLabel = "PATH", description = "Data, as the server sees it. Default: data/dataset.parquet.")
    String data;

    @Option(names = "--model", paramLabel = "FILE", description = "Model instead of the spec's.")
    Path model;

    @Option(names = "--output", paramLabel = "DIR", description = "Output folder on the server.")
    Path output;

    @Option(names = "--engine", paramLabel = "local|spark", description = "Default: local.")
    String engine;

    @Option(names = "--format", paramLabel = "parquet|csv", description = "Default: parquet.")
    String format;

    @Option(names = "--fitted-state", paramLabel = "FILE", description = "Score with saved preprocessing state.")
    Path fittedState;

    @Option(names = "--idempotency-key", paramLabel = "KEY", description = "Submitting again with the same key returns the same run.")
    String idempotencyKey;

    @Option(names = "--watch", description = "Follow the run until it ends; exit 0 only if it succeeded.")
    boolean watch;

    SubmitCli(ServicesFactory services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ShapeServices s = services.open(config.flags()); RemoteRuns remote = s.remote(server)) {
            ScoreCommand command = new ScoreCommand(specFile == null ? Path.of(s.setting("spec")) : specFile,
                    data == null ? s.setting("data") : data, Optional.ofNullable(model), Optional.ofNullable(output),
                    engine == null ? s.setting("engine") : engine, format(format == null ? s.setting("format") : format),
                    Optional.ofNullable(fittedState), Map.of());
            RunId id = remote.submit(command, Optional.ofNullable(idempotencyKey));
            out.println(id);
            out.flush();
            if (!watch) {
                return 0;
            }
            RunStatus end = remote.watch(id, line -> {
                err.println(line);
                err.flush();
            });
            return end == RunStatus.SUCCEEDED ? 0 : 1;
        }
    }

    private static DataFormat format(String text) {
        try {
            return DataFormat.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ShapeException(ErrorKind.USAGE, "unknown --format '" + text + "': use parquet or csv");
        }
    }
}
