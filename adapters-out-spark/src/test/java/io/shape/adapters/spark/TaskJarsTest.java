package io.shape.adapters.spark;

import io.shape.domain.run.RunId;
import io.shape.domain.transform.FittedPipeline;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which jars a session ships to executors, per master. */
class TaskJarsTest {
    private static final RunId RUN = new RunId("20261126-120000-0badcafe");

    @Test
    void localMastersShipNothing() {
        for (String master : List.of("local", "local[2]", "local[*]", "LOCAL[4,3]")) {
            SparkConf conf = SessionFactory.conf(RUN, EngineOptions.of(Map.of("master", master)));
            assertFalse(conf.contains("spark.jars"), master);
        }
        assertFalse(TaskJars.runsTasksInThisJvm("local-cluster[2,1,1024]"));
        assertFalse(TaskJars.runsTasksInThisJvm("spark://127.0.0.1:7077"));
    }

    @Test
    void aClusterMasterGetsJarsHoldingTheAdapterAndTheDomain() throws IOException {
        SparkConf conf = SessionFactory.conf(RUN, EngineOptions.of(Map.of("master", "spark://127.0.0.1:7077")));
        List<String> jars = Arrays.asList(conf.get("spark.jars").split(","));
        assertEquals(2, jars.size(), jars.toString());
        assertTrue(contains(jars, TaskJars.class), jars.toString());
        assertTrue(contains(jars, FittedPipeline.class), jars.toString());
    }

    @Test
    void jarsAlreadyListedByNameAreKeptAndNotRepeated() {
        List<Path> ours = TaskJars.locations(List.of(FittedPipeline.class));
        String domainName = ours.get(0).getFileName().toString();
        SparkConf conf = SessionFactory.conf(RUN, EngineOptions.of(Map.of("master", "spark://h:7077",
                "spark.jars", "/opt/app/" + domainName + ",/opt/app/extra.jar")));
        List<String> jars = Arrays.asList(conf.get("spark.jars").split(","));
        assertEquals("/opt/app/" + domainName, jars.get(0));
        assertEquals("/opt/app/extra.jar", jars.get(1));
        long domainEntries = jars.stream().filter(j -> j.endsWith("/" + domainName)).count();
        // a folder of classes is packed under another name, so only a jar location can repeat
        if (domainName.endsWith(".jar")) {
            assertEquals(1, domainEntries, jars.toString());
        }
        assertEquals(Files.isDirectory(ours.get(0)) ? 4 : 3, jars.size(), jars.toString());
    }

    private static boolean contains(List<String> jars, Class<?> type) throws IOException {
        String entry = type.getName().replace('.', '/') + ".class";
        for (String jar : jars) {
            try (JarFile file = new JarFile(jar)) {
                if (file.getEntry(entry) != null) {
                    assertNotNull(file.getInputStream(file.getEntry(entry)));
                    return true;
                }
            }
        }
        return false;
    }
}
