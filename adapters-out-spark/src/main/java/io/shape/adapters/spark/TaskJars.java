package io.shape.adapters.spark;

import io.shape.domain.transform.FittedPipeline;
import org.apache.spark.SparkConf;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Ships shape's own classes to executors that run in other JVMs. Tasks run this adapter's functions and the
 * domain's steps and models, so the jars holding them are added to {@code spark.jars} (the driver serves them,
 * every executor fetches them before its first task). A cluster's SPARK_HOME has Spark, not shape.
 */
public final class TaskJars {
    /** One class from every module whose code runs inside tasks. */
    private static final List<Class<?>> TASK_CODE = List.of(TaskJars.class, FittedPipeline.class);

    private TaskJars() {
    }

    /**
     * Adds the task jars to {@code spark.jars} unless the master runs tasks in this JVM ({@code local},
     * {@code local[N]}, ...). Jars already listed (same file name, e.g. given to spark-submit --jars) are kept
     * as they are.
     */
    public static void addTo(SparkConf conf) {
        if (runsTasksInThisJvm(conf.get("spark.master", "local[*]"))) {
            return;
        }
        List<String> jars = new ArrayList<>(listed(conf.get("spark.jars", "")));
        Set<String> names = new LinkedHashSet<>();
        jars.forEach(jar -> names.add(fileName(jar)));
        for (Path location : locations(TASK_CODE)) {
            Path jar = Files.isDirectory(location) ? packed(location) : location;
            if (names.add(jar.getFileName().toString())) {
                jars.add(jar.toAbsolutePath().toString());
            }
        }
        conf.set("spark.jars", String.join(",", jars));
    }

    /** {@code local-cluster[...]} starts executor JVMs, so it needs the jars like a real cluster. */
    static boolean runsTasksInThisJvm(String master) {
        String m = master.trim().toLowerCase(Locale.ROOT);
        return m.equals("local") || m.startsWith("local[");
    }

    static List<Path> locations(List<Class<?>> classes) {
        Set<Path> paths = new LinkedHashSet<>();
        for (Class<?> c : classes) {
            CodeSource source = c.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                throw new IllegalStateException("cannot tell which jar holds " + c.getName()
                        + "; give the shape jars to Spark with --conf spark.jars=...");
            }
            try {
                paths.add(Path.of(source.getLocation().toURI()));
            } catch (URISyntaxException e) {
                throw new IllegalStateException("unreadable location of " + c.getName() + ": " + source.getLocation(), e);
            }
        }
        return List.copyOf(paths);
    }

    private static List<String> listed(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String fileName(String jar) {
        String path = jar.endsWith("/") ? jar.substring(0, jar.length() - 1) : jar;
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Classes run from a folder (an IDE, a module's target/classes): Spark ships jars, not folders. */
    static Path packed(Path classes) {
        try {
            String module = classes.getParent() != null && classes.getParent().getParent() != null
                    ? classes.getParent().getParent().getFileName().toString() : "classes";
            Path jar = Files.createTempFile("shape-" + module + "-", ".jar");
            jar.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
                 Stream<Path> files = Files.walk(classes)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, zip);
                    zip.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack " + classes + " into a jar for the executors", e);
        }
    }
}
