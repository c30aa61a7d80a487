package io.shape.adapters.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code shape serve}: the gRPC service for schedulers and other services; stops gracefully on SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve shape.v1.RunService over gRPC (127.0.0.1 by default) until SIGTERM or Ctrl-C.")
final class ServeCli implements Callable<Integer> {
    private final ServicesFactory services;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (0: any free port). Default: 7070.")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to bind. Default: 127.0.0.1.")
    String bind;

    ServeCli(ServicesFactory services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> flags = config.flags();
        ConfigOptions.put(flags, "grpc.port", port == null ? null : port.toString());
        ConfigOptions.put(flags, "grpc.bind", bind);
        try (ShapeServices s = services.open(flags)) {
            s.serve(p -> {
                err.println("shape serve: listening on " + s.setting("grpc.bind") + ":" + p
                        + " (shape.v1.RunService, health, reflection)");
                err.flush();
            });
            err.println("shape serve: stopped");
            err.flush();
            return 0;
        }
    }
}
