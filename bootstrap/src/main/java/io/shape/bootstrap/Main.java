package io.shape.bootstrap;

import io.shape.adapters.cli.ShapeCommand;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The process entry point of {@code ./shape}: wires the application and runs the command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        QuietLogging.install(java.util.Arrays.asList(args).contains("--verbose")
                || java.util.Arrays.asList(args).contains("-v"));
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Wiring wiring = new Wiring(Path.of("").toAbsolutePath(), System.getenv());
        int code = ShapeCommand.run(wiring, out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
