package io.shape.adapters.cli;

import io.shape.domain.ErrorKind;
import io.shape.domain.GivenPath;
import io.shape.domain.ShapeException;
import io.shape.domain.spec.PipelineSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code shape generate}: a parquet table of N rows drawn around a sample's distribution (seeded). */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a parquet table of --rows rows drawn around a sample table's distribution (resample + noise, seeded).")
final class GenerateCli implements Callable<Integer> {
    private final ServicesFactory services;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Option(names = "--rows", required = true, paramLabel = "N", description = "Rows to write.")
    long rows;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Parquet file to write (must not exist).")
    String output;

    @Option(names = "--source", paramLabel = "PATH", description = "Sample table. Default: the data setting (data/dataset.parquet).")
    String source;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--features", split = ",", paramLabel = "COLUMNS", description = "Columns drawn with noise. Default: vibration_x,vibration_y,vibration_z.")
    List<String> features = PipelineSpec.DEFAULT_FEATURES;

    GenerateCli(ServicesFactory services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        if (rows < 1) {
            throw new ShapeException(ErrorKind.USAGE, "--rows must be at least 1, got " + rows);
        }
        PrintWriter err = spec.commandLine().getErr();
        try (ShapeServices s = services.open(config.flags())) {
            // paths kept as text until here, so that one that is not a path is refused naming its flag (exit 3)
            Path from = source != null ? GivenPath.of("--source", source) : GivenPath.of("data", s.setting("data"));
            Path target = GivenPath.of("--output", output);
            long t0 = System.nanoTime();
            long written = s.generator().generate(from, features, rows, seed, target);
            double seconds = (System.nanoTime() - t0) / 1e9;
            err.println(String.format(Locale.ROOT, "wrote %,d rows to %s in %.1f s", written, output, seconds));
            err.flush();
            return 0;
        }
    }
}
