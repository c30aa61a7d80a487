package io.shape.spark;

import io.shape.domain.ShapeException;
import io.shape.domain.model.Model;
import io.shape.domain.pickled.PickledPipeline;
import io.shape.domain.spec.PipelineSpec;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.PipelineFitting;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * What a stage's model is made of, as bytes: the pickle, and the spec whose steps run before it (optional). A
 * saved model keeps these, so it never needs the original files. The domain's readers take files: the bytes are
 * written to a temporary file for them.
 *
 * @param pickle   a fitted scikit-learn Pipeline or estimator
 * @param spec     the spec's text (JSON with comments), or null
 * @param pickleName where the pickle came from, for messages
 */
record ShapeSource(byte[] pickle, String spec, String pickleName) implements java.io.Serializable {

    /** The pipeline to run on {@code features} (empty: the pickle's or the spec's), and the estimator. */
    Prepared prepare(List<String> features) {
        PickledPipeline pickled = withFile(pickle, ".pkl", pickleName, ShapePorts.models()::load);
        Optional<PipelineSpec> read = spec == null ? Optional.empty()
                : Optional.of(withFile(spec.getBytes(java.nio.charset.StandardCharsets.UTF_8), ".jsonc", "the spec",
                        ShapePorts.specs()::read));
        Pipeline pipeline = pickled.scoredAfter(read, features, "model file " + pickleName);
        pipeline.widths().requireFits(pickled.estimator());
        pipeline.columnPlan(); // refuses a text column read after another step now, not in a task
        return new Prepared(pipeline, pickled.estimator());
    }

    /** The pipeline and estimator a source makes. */
    record Prepared(Pipeline pipeline, Model model) {
        /** The fitted pipeline when no step needs the data (a pickle alone): its steps are fitted already. */
        FittedPipeline withoutData() {
            return PipelineFitting.fit(pipeline, pipeline.features(),
                    io.shape.domain.data.ColumnPlan.numbers(pipeline.features().size()), (fitted, accumulator) -> {
                throw new IllegalArgumentException("the spec's steps must be fitted on a DataFrame: use "
                        + "ShapeEstimator.fit(df)");
            }, (step, sklearnClass, seconds) -> { }, new HashMap<>());
        }

        FittedPipeline readFitted(byte[] state) {
            return withFile(state, ".json", "the saved fitted state",
                    file -> ShapePorts.documents().readFittedState(file, pipeline));
        }
    }

    /** The spec's {@code "model"} entry, as written in it. */
    static String specModelPath(String specText) {
        return withFile(specText.getBytes(java.nio.charset.StandardCharsets.UTF_8), ".jsonc", "the spec",
                ShapePorts.specs()::read).modelPath();
    }

    /** Reads a file of any Hadoop file system (local paths, file:, hdfs://, s3a://, ...). */
    static byte[] read(String location, Configuration conf, String what) {
        try {
            Path path = new Path(location);
            FileSystem fs = path.getFileSystem(conf);
            try (InputStream in = fs.open(path)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the " + what + " " + location + ": " + e.getMessage(), e);
        }
    }

    /** @param name what messages call the file instead of the temporary file's path */
    private static <T> T withFile(byte[] bytes, String suffix, String name,
                                  java.util.function.Function<java.nio.file.Path, T> reader) {
        java.nio.file.Path file = null;
        try {
            file = Files.createTempFile("shape-stage-", suffix);
            Files.write(file, bytes);
            return reader.apply(file);
        } catch (ShapeException e) {
            throw new ShapeException(e.kind(), e.getMessage().replace(file.toString(), name), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a temporary file for shape's readers", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    /** A domain refusal as the IllegalArgumentException Spark ML users expect, with the same one-line message. */
    static IllegalArgumentException refused(ShapeException e) {
        return new IllegalArgumentException(e.getMessage(), e);
    }
}
