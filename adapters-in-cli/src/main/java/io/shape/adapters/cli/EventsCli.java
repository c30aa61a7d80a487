package io.shape.adapters.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** {@code shape events flush}: delivers run events that waited for the broker. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "Run events.")
final class EventsCli {
    private final ServicesFactory services;

    @Spec
    CommandSpec spec;

    EventsCli(ServicesFactory services) {
        this.services = services;
    }

    @Command(name = "flush", mixinStandardHelpOptions = true,
            description = "Deliver the events spooled while the broker was unreachable (use with --events kafka).")
    int flush(@Mixin ConfigOptions config) {
        PrintWriter err = spec.commandLine().getErr();
        try (ShapeServices s = services.open(config.flags())) {
            int left = s.flushEvents();
            if (left == 0) {
                err.println("all spooled events delivered");
                return 0;
            }
            err.println(left + " events still waiting: the broker is unreachable; try again later");
            return 1;
        } finally {
            err.flush();
        }
    }
}
