package io.shape.adapters.cli;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.run.RunId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code shape report RUN_ID}: writes {@code report.html} into the run's output folder and prints its path. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write report.html, a self-contained page of what a run found, into its output folder.",
                "It shows the features over time with the anomalies marked, the decision histogram, counts, inputs,",
                "the fitted state,",
                "and the drift since the previous run of the same spec and model."})
final class ReportCli implements Callable<Integer> {
    private final ServicesFactory services;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Parameters(paramLabel = "RUN_ID", description = "The run (see `shape runs list`).")
    String runId;

    ReportCli(ServicesFactory services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        if (!RunId.isValid(runId)) {
            throw new ShapeException(ErrorKind.USAGE, "'" + runId + "' is not a run id (yyyyMMdd-HHmmss-xxxxxxxx); "
                    + "`shape runs list` shows them");
        }
        try (ShapeServices s = services.open(config.flags())) {
            Path page = s.reports().report(new RunId(runId));
            spec.commandLine().getOut().println(page);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
