package io.shape.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * How a {@link ShapeModel} is saved: Spark ML's {@code metadata/} (class, uid, params; what a {@code Pipeline}
 * reads to find the stage's class), and {@code shape/}:
 * <ul>
 *   <li>{@code format.json}: {@code {"format": 1, "pickle_name": ..., "spec": bool, "fitted_state": bool}};
 *   a reader refuses a format newer than its own, naming both;</li>
 *   <li>{@code model.pkl}: the pickle's bytes; {@code spec.jsonc}: the spec's text, when the model has one;</li>
 *   <li>{@code fitted_state.json}: the spec's steps as fitted (the {@code --fitted-state} document), when any.</li>
 * </ul>
 * Nothing refers to the files the model was made from.
 */
final class ShapeModelFormat {
    /** Raise it when a saved model's content changes meaning; readers of older formats then refuse it. */
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShapeModelFormat() {
    }

    static final class Writer extends MLWriter {
        private final ShapeModel model;

        Writer(ShapeModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter.saveMetadata(model, path, sparkSession());
            Configuration conf = sparkSession().sparkContext().hadoopConfiguration();
            ShapeSource source = model.source();
            byte[] state = model.fittedState();
            ObjectNode format = JSON.createObjectNode().put("format", FORMAT).put("pickle_name", source.pickleName())
                    .put("spec", source.spec() != null).put("fitted_state", state != null);
            write(conf, path, "format.json", format.toString().getBytes(StandardCharsets.UTF_8));
            write(conf, path, "model.pkl", source.pickle());
            if (source.spec() != null) {
                write(conf, path, "spec.jsonc", source.spec().getBytes(StandardCharsets.UTF_8));
            }
            if (state != null) {
                write(conf, path, "fitted_state.json", state);
            }
        }
    }

    static final class Reader extends MLReader<ShapeModel> {
        @Override
        public ShapeModel load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession(),
                    ShapeModel.class.getName());
            Configuration conf = sparkSession().sparkContext().hadoopConfiguration();
            JsonNode format;
            try {
                format = JSON.readTree(read(conf, path, "format.json"));
            } catch (IOException e) {
                throw new IllegalArgumentException("the saved shape model " + path + " has no readable "
                        + "shape/format.json: " + e.getMessage(), e);
            }
            int version = format.path("format").asInt(-1);
            if (version < 1 || version > FORMAT) {
                throw new IllegalArgumentException("the saved shape model " + path + " has format " + version
                        + ", and this shape reads format " + FORMAT + (version > FORMAT
                        ? ": it was saved by a newer shape; load it with that version or newer" : ""));
            }
            byte[] pickle = read(conf, path, "model.pkl");
            String spec = format.path("spec").asBoolean() ? new String(read(conf, path, "spec.jsonc"),
                    StandardCharsets.UTF_8) : null;
            byte[] state = format.path("fitted_state").asBoolean() ? read(conf, path, "fitted_state.json") : null;
            ShapeModel model = new ShapeModel(metadata.uid(),
                    new ShapeSource(pickle, spec, format.path("pickle_name").asText(path)), state);
            metadata.getAndSetParams(model, scala.Option.empty());
            model.prepared(); // an unreadable pickle or state is refused at load, not in a job
            return model;
        }
    }

    private static void write(Configuration conf, String dir, String name, byte[] bytes) {
        Path file = new Path(new Path(dir, "shape"), name);
        try (FSDataOutputStream out = file.getFileSystem(conf).create(file, true)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static byte[] read(Configuration conf, String dir, String name) {
        return ShapeSource.read(new Path(new Path(dir, "shape"), name).toString(), conf, "saved model's file");
    }
}
