package io.shape.bootstrap.cluster;

import io.shape.adapters.cli.ShapeCommand;
import io.shape.bootstrap.Wiring;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spark engine on a real multi-process Spark standalone cluster (master + 2 workers, each executor its own
 * JVM that gets shape's classes only through spark.jars), driven through the CLI in this JVM: predictions equal
 * the local engine's on the seed and on a generated 2M-row table, both workers run tasks, and a worker killed
 * with SIGKILL in the middle of a run costs a retry, not a wrong or half-written result.
 *
 * <p>The test starts and stops its own cluster through {@code .ci/spark-cluster.sh} (which lays out SPARK_HOME
 * from Maven Central on first use). When that cannot work (no bash/curl, no network for the jars) the test is
 * skipped, except under {@code CI=true}, where it fails.
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkClusterTest {
    private static final int GENERATED_ROWS = 2_000_000;
    private static final double DECISION_TOLERANCE = 1e-12;

    @TempDir
    static Path tmp;
    private Path root;
    private StandaloneCluster cluster;
    private Path generated;
    private PredictionsCsv generatedLocal;

    @BeforeAll
    void startCluster() throws Exception {
        root = Path.of("").toAbsolutePath().getParent();
        try {
            cluster = StandaloneCluster.start(root, root.resolve("bootstrap/target/spark-cluster"));
        } catch (IOException | IllegalStateException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw e;
            }
            Assumptions.abort("no Spark standalone cluster (set CI=true to make this a failure): " + e.getMessage());
        }
        assertEquals(2, cluster.aliveWorkers(), cluster.status());
        generated = tmp.resolve("generated.parquet");
        cli(tmp, "generate", "--rows", String.valueOf(GENERATED_ROWS), "--seed", "7", "--source",
                root.resolve("data/dataset.parquet").toString(), "--output", generated.toString());
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void seedPredictionsOnTheClusterEqualTheLocalEngines() throws Exception {
        Path seed = root.resolve("data/dataset.parquet");
        PredictionsCsv local = PredictionsCsv.read(score("local", seed, "seed-local", null), 295);
        PredictionsCsv spark = PredictionsCsv.read(score("cluster", seed, "seed-cluster", null), 295);
        assertEquals(31, spark.count(-1));
        assertEquals(264, spark.count(1));
        assertEquals(0, spark.flips(local));
        assertTrue(spark.maxDecisionDifference(local) <= DECISION_TOLERANCE, "" + spark.maxDecisionDifference(local));
    }

    @Test
    @Order(2)
    void twoMillionRowsOnBothWorkersEqualTheLocalEngine() throws Exception {
        Path events = Files.createDirectories(tmp.resolve("events-clean"));
        PredictionsCsv spark = PredictionsCsv.read(score("cluster", generated, "generated-cluster", events),
                GENERATED_ROWS);
        PredictionsCsv local = generatedLocal();
        double worst = spark.maxDecisionDifference(local);
        System.out.printf("cluster vs local on %,d rows: %d flips, max |decision difference| %.3g%n",
                GENERATED_ROWS, spark.flips(local), worst);
        assertEquals(0, spark.flips(local));
        assertTrue(worst <= DECISION_TOLERANCE, "max decision difference " + worst);

        EventLog log = EventLog.readSingle(events);
        System.out.println("tasks per executor " + log.successfulTasks() + ", executor -> worker UI port "
                + log.workerPortOfExecutor());
        assertEquals(Set.of(cluster.workerWebuiPort(1), cluster.workerWebuiPort(2)), log.workersThatRanTasks(),
                log.toString());
        assertEquals(Map.of(), log.failedTasks());
    }

    /**
     * SIGKILL on worker 2 once the input is cached and the fitting passes run. The worker's executor exits
     * with it (it watches its worker), so the driver loses that executor's cached blocks and shuffle output.
     * Spark's guarantee for a lost executor: its tasks are rerun elsewhere (executor loss does not count
     * towards spark.task.maxFailures), lost shuffle output is recomputed from lineage by resubmitting the map
     * stage, and only one attempt per task may commit output. shape's tasks are deterministic functions of
     * their row range, so the run must succeed with the same predictions on the surviving worker.
     */
    @Test
    @Order(3)
    void aWorkerKilledMidRunCostsARetryNotTheResult() throws Exception {
        Path events = Files.createDirectories(tmp.resolve("events-kill"));
        long victim = cluster.workerPid(2);
        AtomicReference<String> killedDuring = new AtomicReference<>();
        Thread killer = new Thread(() -> killedDuring.set(killWhenFittingRuns(victim)), "worker-killer");
        killer.setDaemon(true);
        killer.start();
        Path out = score("cluster", generated, "generated-kill", events);
        killer.join(10_000);
        System.out.println("worker 2 (pid " + victim + ") killed " + killedDuring.get());
        assertTrue(killedDuring.get() != null && killedDuring.get().startsWith("during"),
                "the worker was not killed mid-run: " + killedDuring.get());

        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        PredictionsCsv spark = PredictionsCsv.read(out, GENERATED_ROWS);
        PredictionsCsv local = generatedLocal();
        assertEquals(0, spark.flips(local));
        assertTrue(spark.maxDecisionDifference(local) <= DECISION_TOLERANCE);

        EventLog log = EventLog.readSingle(events);
        System.out.println("after the kill: tasks per executor " + log.successfulTasks() + ", failed "
                + log.failedTasks() + " " + log.failureReasons() + ", stage attempts retried "
                + log.stageAttemptsRetried());
        assertEquals(1, cluster.aliveWorkers(), cluster.status());
    }

    /** Waits for a Spark job past the input's numbering and checking (id 3 and up), then kills the worker. */
    private static String killWhenFittingRuns(long pid) {
        long deadline = System.nanoTime() + 240_000_000_000L;
        while (System.nanoTime() < deadline) {
            SparkSession session = SparkSession.getDefaultSession().getOrElse(() -> null);
            if (session != null && !session.sparkContext().isStopped()) {
                SparkStatusTracker tracker = session.sparkContext().statusTracker();
                int[] active = tracker.getActiveJobIds();
                if (Arrays.stream(active).anyMatch(id -> id >= 3) && tracker.getActiveStageIds().length > 0) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    return "during jobs " + Arrays.toString(active) + ", stages "
                            + Arrays.toString(tracker.getActiveStageIds());
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return "interrupted";
            }
        }
        return "never: no job past the input checks was seen";
    }

    private PredictionsCsv generatedLocal() throws Exception {
        if (generatedLocal == null) {
            generatedLocal = PredictionsCsv.read(score("local", generated, "generated-local", null), GENERATED_ROWS);
        }
        return generatedLocal;
    }

    /** Scores {@code data} with the repository's seed spec and model; returns the predictions folder. */
    private Path score(String where, Path data, String name, Path eventLogDir) throws Exception {
        Path output = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("score", "--quiet", "--spec",
                root.resolve("artifacts/pipeline.jsonc").toString(), "--model",
                root.resolve("artifacts/model.pkl").toString(), "--data", data.toString(), "--format", "csv",
                "--output", output.toString()));
        if (where.equals("local")) {
            args.addAll(List.of("--engine", "local"));
        } else {
            args.addAll(List.of("--engine", "spark", "--master", cluster.masterUrl(),
                    // loopback only: executors call the driver back on 127.0.0.1
                    "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1"));
            if (eventLogDir != null) {
                args.addAll(List.of("--conf", "spark.eventLog.enabled=true",
                        "--conf", "spark.eventLog.dir=" + eventLogDir.toUri(),
                        // one plain JSON-lines file (Spark 4 defaults to rolling, zstd-compressed logs)
                        "--conf", "spark.eventLog.rolling.enabled=false", "--conf", "spark.eventLog.compress=false"));
            }
        }
        cli(tmp, args.toArray(new String[0]));
        Path predictions = output.resolve("predictions");
        assertTrue(Files.isDirectory(predictions), "no predictions in " + output);
        return predictions;
    }

    private static void cli(Path workingDir, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ShapeCommand.run(new Wiring(workingDir, Map.of()), new PrintWriter(out, true),
                new PrintWriter(err, true), args);
        assertEquals(0, code, "shape " + String.join(" ", args) + "\n" + out + err);
    }
}
