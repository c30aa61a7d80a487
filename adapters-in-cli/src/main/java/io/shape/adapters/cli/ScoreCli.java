package io.shape.adapters.cli;

import io.shape.application.port.in.ScoreCommand;
import io.shape.domain.GivenPath;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunServices;
import io.shape.domain.run.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code shape score}: the original job — fit the preprocessing on the data, predict, report. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Fit the pipeline's preprocessing on the data, score it with the model, write the results.")
final class ScoreCli implements Callable<Integer> {
    private final ServicesFactory services;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Mixin
    ScoreOptions score = new ScoreOptions();

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (with --engine spark). Default: local[*].")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Spark configuration (repeatable).")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = "--json", description = "Print the run record as JSON on stdout.")
    boolean json;

    @Option(names = "--report", description = "Also write report.html (features, anomalies, decision histogram, drift) into the output folder.")
    boolean report;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary.")
    boolean quiet;

    ScoreCli(ServicesFactory services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> flags = config.flags();
        score.addTo(flags);
        ConfigOptions.put(flags, "spark.master", master);
        try (ShapeServices s = services.open(flags)) {
            ScoreCommand command = new ScoreCommand(score.spec(s.setting("spec")), s.setting("data"),
                    score.model().or(() -> Optional.ofNullable(s.setting("model"))
                            .map(m -> GivenPath.of("--model", m))),
                    score.output(), s.setting("engine"), ScoreOptions.parseFormat(s.setting("format")),
                    score.fittedState(), engineOptions(s)).withReport(report).withFeatures(score.features());
            ProgressBar bar = new ProgressBar(err, !quiet && System.console() != null);
            Run run = runInterruptibly(s, command, bar);
            bar.done();
            if (json) {
                out.println(s.toJson(run));
                out.flush();
            }
            if (!quiet || run.status() != RunStatus.SUCCEEDED) {
                RunSummary.print(run, err);
            }
            if (report && !quiet) {
                reportOutcome(run, err);
            }
            return exitCode(run, err);
        }
    }

    /** Ctrl-C asks the run to stop and waits for it to clean up, so no half-written output is left. */
    private static Run runInterruptibly(ShapeServices s, ScoreCommand command, ProgressBar bar) {
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interrupted.set(true);
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shape-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return s.scoring().score(command, bar.cancelledBy(interrupted));
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it waits for the latch released above.
            }
        }
    }

    private static void reportOutcome(Run run, PrintWriter err) {
        Path page = Path.of(run.outputs().file(io.shape.domain.run.RunOutputs.REPORT));
        String trouble = run.services().get(RunServices.REPORT);
        if (trouble != null) {
            err.println("shape: report " + trouble);
        } else if (run.status() == RunStatus.SUCCEEDED && java.nio.file.Files.isRegularFile(page)) {
            err.println("report: " + page);
        }
        err.flush();
    }

    private Map<String, String> engineOptions(ShapeServices s) {
        Map<String, String> options = new LinkedHashMap<>();
        String m = s.setting("spark.master");
        if (m != null) {
            options.put("master", m);
        }
        options.putAll(conf);
        if (config.verbose) {
            options.put("verbose", "true");
        }
        return options;
    }

    /**
     * 0 only when the run succeeded and every store it was meant to reach has it: a run whose results are
     * written but which is missing from the run store or the predictions sink exits 1, so a job scheduler
     * notices.
     */
    private static int exitCode(Run run, PrintWriter err) {
        List<String> missedCopies = run.status() == RunStatus.SUCCEEDED ? RunServices.missedCopies(run) : List.of();
        for (String missed : missedCopies) {
            if (missed.equals(RunServices.RUN_STORE)) {
                err.println("shape: the results are written, but the run store is "
                        + run.services().get(RunServices.RUN_STORE) + " — the run is not recorded there");
            } else {
                err.println("shape: the results are written, but the predictions are not in the predictions"
                        + " sink (" + run.services().get(RunServices.PREDICTIONS_SINK) + ")" + (run.outputs() == null
                        ? "" : "; the files in " + run.outputs().predictions() + " are complete"));
            }
        }
        err.flush();
        return RunServices.exitCode(run);
    }
}
