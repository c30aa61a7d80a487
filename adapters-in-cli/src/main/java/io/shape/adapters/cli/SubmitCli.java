package io.shape.adapters.cli;

import io.shape.application.port.in.ScoreCommand;
import io.shape.domain.GivenPath;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code shape submit --server HOST:PORT}: queue a scoring run on a shape server, print its id. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Submit a scoring run to a shape server; prints the run id (and follows it with --watch).",
                "Paths (--spec, --data, --model, --output, --fitted-state) are as the server sees them."})
final class SubmitCli implements Callable<Integer> {
    private final ServicesFactory services;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Option(names = "--server", required = true, paramLabel = "HOST:PORT", description = "The shape server.")
    String server;

    @Mixin
    ScoreOptions score = new ScoreOptions();

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
        Map<String, String> flags = config.flags();
        score.addTo(flags);
        try (ShapeServices s = services.open(flags); RemoteRuns remote = s.remote(server)) {
            ScoreCommand command = new ScoreCommand(score.spec(s.setting("spec")), s.setting("data"),
                    score.model(),
                    score.output(), s.setting("engine"), ScoreOptions.parseFormat(s.setting("format")),
                    score.fittedState(), Map.of()).withFeatures(score.features());
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
}
