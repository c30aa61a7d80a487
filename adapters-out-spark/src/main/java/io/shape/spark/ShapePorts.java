package io.shape.spark;

import io.shape.domain.port.ModelLoader;
import io.shape.domain.port.RunDocuments;
import io.shape.domain.port.SpecReader;

import java.util.ServiceLoader;

/** The ports the stages read pickles, specs and fitted states through, as registered by the jars present. */
final class ShapePorts {
    private ShapePorts() {
    }

    static ModelLoader models() {
        return one(ModelLoader.class);
    }

    static SpecReader specs() {
        return one(SpecReader.class);
    }

    static RunDocuments documents() {
        return one(RunDocuments.class);
    }

    private static <T> T one(Class<T> port) {
        return ServiceLoader.load(port, ShapePorts.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + port.getName() + " on the classpath: add "
                        + "shape-spark-<version>.jar (or adapters-out-persistence) to the Spark application's jars"));
    }
}
