package io.shape.adapters.cli;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code shape}: the top-level command; each job is a subcommand. */
@Command(name = "shape", mixinStandardHelpOptions = true, versionProvider = ShapeCommand.Version.class,
        description = "Scores tables with scikit-learn pipelines, exactly as scikit-learn would.",
        subcommands = {ScoreCli.class, RunsCli.class, GenerateCli.class, SubmitCli.class, ServeCli.class, EventsCli.class,
                ReportCli.class, CommandLine.HelpCommand.class})
public final class ShapeCommand {
    /**
     * Runs the command line and returns the process exit code: 0 success, 2 usage, 3 invalid input,
     * 1 anything else.
     */
    public static int run(ServicesFactory services, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new ShapeCommand(), new Factory(services));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean verbose = parseResult.hasMatchedOption("--verbose") || parseResult.subcommand() != null
                    && parseResult.subcommand().hasMatchedOption("--verbose");
            if (e instanceof ShapeException se) {
                err.println("shape: " + se.getMessage());
                if (verbose) {
                    se.printStackTrace(err);
                }
                err.flush();
                return se.kind().exitCode();
            }
            err.println("shape: unexpected error: " + e);
            if (verbose) {
                e.printStackTrace(err);
            } else {
                err.println("(run again with --verbose for details)");
            }
            err.flush();
            return ErrorKind.INTERNAL.exitCode();
        });
        return cli.execute(args);
    }

    /** Gives subcommands the services factory. */
    private record Factory(ServicesFactory services) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == ScoreCli.class) {
                return cls.cast(new ScoreCli(services));
            }
            if (cls == RunsCli.class) {
                return cls.cast(new RunsCli(services));
            }
            if (cls == GenerateCli.class) {
                return cls.cast(new GenerateCli(services));
            }
            if (cls == SubmitCli.class) {
                return cls.cast(new SubmitCli(services));
            }
            if (cls == ServeCli.class) {
                return cls.cast(new ServeCli(services));
            }
            if (cls == ReportCli.class) {
                return cls.cast(new ReportCli(services));
            }
            if (cls == EventsCli.class) {
                return cls.cast(new EventsCli(services));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    /** The version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ShapeCommand.class.getPackage().getImplementationVersion();
            return new String[] {"shape " + (v == null ? "dev" : v)};
        }
    }
}
