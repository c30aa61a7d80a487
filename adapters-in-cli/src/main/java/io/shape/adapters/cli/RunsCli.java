package io.shape.adapters.cli;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code shape runs list|show}: the run records, newest first. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List and show run records.")
final class RunsCli {
    private final ServicesFactory services;

    @Spec
    CommandSpec spec;

    RunsCli(ServicesFactory services) {
        this.services = services;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List runs, newest first.")
    int list(@Mixin ConfigOptions config,
             @Option(names = "--status", paramLabel = "STATUS", description = "Only runs in this status.") String status,
             @Option(names = "--limit", defaultValue = "20", description = "At most this many runs (default ${DEFAULT-VALUE}).") int limit,
             @Option(names = "--offset", defaultValue = "0", description = "Skip this many runs first.") int offset,
             @Option(names = "--json", description = "One JSON record per line on stdout.") boolean json,
             @Option(names = "--server", paramLabel = "HOST:PORT", description = "Ask a shape server instead of the local run store.") String server) {
        PrintWriter out = spec.commandLine().getOut();
        try (ShapeServices s = services.open(config.flags())) {
            if (server != null) {
                try (RemoteRuns remote = s.remote(server)) {
                    remote.list(parseStatus(status), limit).forEach(out::println);
                }
                out.flush();
                return 0;
            }
            List<Run> runs = s.runs().list(parseStatus(status), offset, limit);
            for (Run r : runs) {
                if (json) {
                    out.println(s.toJson(r));
                } else {
                    out.println(String.format(Locale.ROOT, "%-26s %-10s %-6s %s", r.id(), r.status(), r.engine(),
                            describe(r)));
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one run record as JSON.")
    int show(@Mixin ConfigOptions config, @Parameters(paramLabel = "RUN_ID") String id,
             @Option(names = "--server", paramLabel = "HOST:PORT", description = "Ask a shape server.") String server) {
        PrintWriter out = spec.commandLine().getOut();
        RunId runId = runId(id);
        try (ShapeServices s = services.open(config.flags())) {
            if (server != null) {
                try (RemoteRuns remote = s.remote(server)) {
                    out.println(remote.show(runId).orElseThrow(() -> new ShapeException(ErrorKind.INVALID_INPUT,
                            "the server has no run " + id)));
                }
                out.flush();
                return 0;
            }
            Run run = s.runs().get(runId).orElseThrow(() -> new ShapeException(ErrorKind.INVALID_INPUT,
                    "no run " + id + " in the run store (see shape runs list)"));
            out.println(s.toJson(run));
            out.flush();
            return 0;
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = "Follow a run on a shape server until it ends; exit 0 only if it succeeded.")
    int watch(@Mixin ConfigOptions config, @Parameters(paramLabel = "RUN_ID") String id,
              @Option(names = "--server", required = true, paramLabel = "HOST:PORT", description = "The shape server.") String server) {
        PrintWriter err = spec.commandLine().getErr();
        try (ShapeServices s = services.open(config.flags()); RemoteRuns remote = s.remote(server)) {
            RunStatus end = remote.watch(runId(id), line -> {
                err.println(line);
                err.flush();
            });
            return end == RunStatus.SUCCEEDED ? 0 : 1;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Ask a run on a shape server to stop.")
    int cancel(@Mixin ConfigOptions config, @Parameters(paramLabel = "RUN_ID") String id,
               @Option(names = "--server", required = true, paramLabel = "HOST:PORT", description = "The shape server.") String server) {
        PrintWriter err = spec.commandLine().getErr();
        try (ShapeServices s = services.open(config.flags()); RemoteRuns remote = s.remote(server)) {
            boolean cancelling = remote.cancel(runId(id));
            err.println(cancelling ? "run " + id + " is stopping" : "run " + id + " had already ended");
            err.flush();
            return cancelling ? 0 : 1;
        }
    }

    private static RunId runId(String id) {
        if (!RunId.isValid(id)) {
            throw new ShapeException(ErrorKind.USAGE, "'" + id + "' is not a run id (see shape runs list)");
        }
        return new RunId(id);
    }

    private static Optional<RunStatus> parseStatus(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(RunStatus.valueOf(text.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new ShapeException(ErrorKind.USAGE, "unknown --status '" + text + "': use one of "
                    + List.of(RunStatus.values()));
        }
    }

    private static String describe(Run r) {
        if (r.metrics() != null) {
            return r.metrics().rows() + " rows " + r.metrics().predictionCounts() + " -> " + r.outputs().directory();
        }
        return r.error() == null ? "" : r.error().message();
    }
}
