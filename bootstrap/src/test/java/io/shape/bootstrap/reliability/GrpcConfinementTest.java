package io.shape.bootstrap.reliability;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.shape.adapters.grpc.v1.GetRunRequest;
import io.shape.adapters.grpc.v1.Run;
import io.shape.adapters.grpc.v1.RunServiceGrpc;
import io.shape.adapters.grpc.v1.RunStatus;
import io.shape.adapters.grpc.v1.SubmitRunRequest;
import io.shape.bootstrap.inprocess.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a hostile gRPC client tried after the first round (issue 24): reading files outside the allowed root
 * through a link planted in a data folder or a spec naming a model elsewhere, turning a queued run's output
 * folder into a link to outside, two runs into one output folder, an output folder inside the server's run
 * store, and queued runs lost when the server is stopped. Each must fail (or be recorded) without anything
 * read or written outside the root, and without file content in any message.
 */
@Tag("reliability")
class GrpcConfinementTest {
    private static final String TOKEN = "confinement-token-0123456789";
    private static final String PROMISE = "confined gRPC runs: real paths under the allowed roots, checked when opened";
    private static final Ledger LEDGER = new Ledger(GrpcConfinementTest.class);

    @TempDir
    static Path root;
    static Path work;
    static Path outside;
    static Path table;
    static Server server;

    @BeforeAll
    static void serve() throws Exception {
        work = Files.createDirectories(root.resolve("work"));
        outside = Files.createDirectories(root.resolve("outside"));
        table = work.resolve("big.parquet");
        Shape.generate(work, table, 1_500_000, 5);
        Shape.copySeedArtifacts(work);
        Files.copy(Shape.SEED_DATA, outside.resolve("dataset.parquet"));
        Files.copy(Shape.SEED_MODEL, outside.resolve("model.pkl"));
        server = Server.start(work, "2");
    }

    @AfterAll
    static void stop() throws Exception {
        LEDGER.write();
        server.stop();
    }

    @Test
    void aLinkInADataFolderIsNotFollowedOutOfTheRoot() throws Exception {
        Path passwd = Files.createDirectories(work.resolve("d-passwd"));
        Files.createSymbolicLink(passwd.resolve("p.csv"), Path.of("/etc/passwd"));
        Path parquet = Files.createDirectories(work.resolve("d-parquet"));
        Files.createSymbolicLink(parquet.resolve("part-0.parquet"), outside.resolve("dataset.parquet"));
        try (Ledger.Case c = LEDGER.open(PROMISE, "aLinkInADataFolderIsNotFollowedOutOfTheRoot",
                "data folder holding a link to /etc/passwd or to a table outside the root")) {
            for (String data : List.of("d-passwd", "d-parquet")) {
                c.injected();
                Run run = server.finish(request(data).setOutput("out/link-" + data));
                assertEquals(RunStatus.FAILED, run.getStatus(), data);
                assertTrue(run.getErrorMessage().contains("outside the folders"), run.getErrorMessage());
                assertFalse(run.getErrorMessage().contains("root:"), "no file content: " + run.getErrorMessage());
                assertFalse(Files.exists(work.resolve("out/link-" + data + "/predictions")), data);
                c.survived();
            }
        }
    }

    @Test
    void aSpecCannotNameAModelOutsideTheRoot() throws Exception {
        String seed = Files.readString(Shape.SEED_SPEC);
        Path specs = Files.createDirectories(work.resolve("specs/deeper"));
        List<String> models = List.of(outside.resolve("model.pkl").toString(), "../../../outside/model.pkl");
        try (Ledger.Case c = LEDGER.open(PROMISE, "aSpecCannotNameAModelOutsideTheRoot",
                "spec under the root whose \"model\" is an absolute path or ../ out of it")) {
            for (int i = 0; i < models.size(); i++) {
                c.injected();
                Path spec = specs.resolve("spec-" + i + ".jsonc");
                Files.writeString(spec, seed.replaceAll("\"model\"\\s*:\\s*\"[^\"]*\"",
                        "\"model\": \"" + models.get(i) + "\""));
                Run run = server.finish(SubmitRunRequest.newBuilder().setSpec(work.relativize(spec).toString())
                        .setData("artifacts/../big.parquet").setEngine("local").setOutput("out/model-" + i));
                assertEquals(RunStatus.FAILED, run.getStatus(), models.get(i));
                assertTrue(run.getErrorMessage().startsWith("model: "), run.getErrorMessage());
                assertEquals("", run.getModelClass(), "the model was never loaded");
                c.survived();
            }
        }
    }

    @Test
    void aQueuedRunsOutputFolderTurnedIntoALinkIsRefusedWhenTheRunStarts() throws Exception {
        Path target = Files.createDirectories(outside.resolve("swapped-output"));
        try (Ledger.Case c = LEDGER.open(PROMISE, "aQueuedRunsOutputFolderTurnedIntoALinkIsRefusedWhenTheRunStarts",
                "output folder replaced by a link to outside while the run waits in the queue")) {
            c.injected();
            String first = server.submit(request("big.parquet").setOutput("out/busy-1"));
            String second = server.submit(request("big.parquet").setOutput("out/busy-2"));
            String queued = server.submit(request("big.parquet").setOutput("out/swapped"));
            assertEquals(RunStatus.QUEUED, server.get(queued).getStatus(), "two runs hold both threads");
            Files.createSymbolicLink(work.resolve("out/swapped"), target);
            Run run = server.awaitEnd(queued);
            assertEquals(RunStatus.FAILED, run.getStatus());
            assertTrue(run.getErrorMessage().startsWith("output: "), run.getErrorMessage());
            assertEquals(List.of(), list(target), "nothing written outside the root");
            server.awaitEnd(first);
            server.awaitEnd(second);
            c.survived();
        }
    }

    @Test
    void twoRunsIntoOneOutputFolderNeverMixTheirFiles() throws Exception {
        try (Ledger.Case c = LEDGER.open("one run per output folder", "twoRunsIntoOneOutputFolderNeverMixTheirFiles",
                "two gRPC runs given the same output folder at once")) {
            for (int trial = 0; trial < 3; trial++) {
                c.injected();
                String folder = "out/shared-" + trial;
                String a = server.submit(request("artifacts/../big.parquet").setOutput(folder));
                String b = server.submit(request("artifacts/../big.parquet").setOutput(folder));
                Run ra = server.awaitEnd(a);
                Run rb = server.awaitEnd(b);
                Run winner = ra.getStatus() == RunStatus.SUCCEEDED ? ra : rb;
                Run loser = winner == ra ? rb : ra;
                assertEquals(RunStatus.SUCCEEDED, winner.getStatus(), winner.getErrorMessage());
                assertEquals(RunStatus.FAILED, loser.getStatus());
                assertTrue(loser.getErrorMessage().contains("is taken by run " + winner.getRunId()),
                        loser.getErrorMessage());
                String runJson = Files.readString(work.resolve(folder).resolve("run.json"));
                assertTrue(runJson.contains(winner.getRunId()) && !runJson.contains(loser.getRunId()), runJson);
                assertTrue(Files.exists(work.resolve(folder).resolve("predictions/_SUCCESS")));
                c.survived();
            }
        }
    }

    @Test
    void anOutputFolderInsideTheServersRunStoreIsRefused() throws Exception {
        try (Ledger.Case c = LEDGER.open(PROMISE, "anOutputFolderInsideTheServersRunStoreIsRefused",
                "output folder inside .shape/runs or around it")) {
            for (String output : List.of(".shape/runs/mine", ".shape", ".")) {
                c.injected();
                Run run = server.finish(request("big.parquet").setOutput(output));
                assertEquals(RunStatus.FAILED, run.getStatus(), output);
                assertEquals("USAGE", run.getErrorKind(), run.getErrorMessage());
                c.survived();
            }
        }
        try (Stream<Path> s = Files.list(work.resolve(".shape/runs"))) {
            assertTrue(s.allMatch(p -> p.getFileName().toString().endsWith(".json")), "only run records there");
        }
    }

    @Test
    void pickleBombsAreRefusedWhileTheServerStaysUpAndBounded() throws Exception {
        java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        List<String> bombs = List.of("shared_list_kernel.pkl", "shared_list_sklearn_version.pkl",
                "shared_list_support_vectors.pkl", "hash_frozenset_key.pkl", "hash_list_key.pkl",
                "long_sklearn_version.pkl");
        Path models = Files.createDirectories(work.resolve("bombs"));
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        long peak = heapBefore;
        try (Ledger.Case c = LEDGER.open("bounded pickle expansion: the server refuses and stays up",
                "pickleBombsAreRefusedWhileTheServerStaysUpAndBounded",
                "pickle bombs (shared lists, hashing bombs, 1 MiB version) submitted as the model")) {
            for (String bomb : bombs) {
                c.injected();
                Files.copy(Shape.REPO.resolve("reference/fixtures/hostile").resolve(bomb), models.resolve(bomb));
                long t0 = System.nanoTime();
                Run run = server.finish(request("big.parquet").setModel("bombs/" + bomb).setOutput("out/" + bomb));
                long millis = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(RunStatus.FAILED, run.getStatus(), bomb);
                assertEquals("INVALID_INPUT", run.getErrorKind(), run.getErrorMessage());
                assertTrue(run.getErrorMessage().length() <= 500, bomb + ": " + run.getErrorMessage().length());
                assertTrue(millis < 10_000, bomb + " took " + millis + " ms");
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                c.survived();
            }
        }
        assertEquals(RunStatus.SUCCEEDED, server.finish(request("big.parquet").setOutput("out/after-bombs"))
                .getStatus(), "the server still scores");
        LEDGER.note(String.format(java.util.Locale.ROOT, "pickle bombs over gRPC: heap %d MB before, at most %d MB",
                heapBefore >> 20, peak >> 20));
        assertTrue(peak - heapBefore < 768L << 20, "heap bounded: " + (heapBefore >> 20) + " -> " + (peak >> 20)
                + " MB");
    }

    @Test
    void queuedRunsAreRecordedCancelledWhenTheServerStops(@TempDir Path elsewhere) throws Exception {
        Path own = Files.createDirectories(elsewhere.resolve("work"));
        Shape.copySeedArtifacts(own);
        Files.createLink(own.resolve("big.parquet"), table); // a link out of the root would be refused
        try (Ledger.Case c = LEDGER.open("queued runs survive a shutdown as CANCELLED records",
                "queuedRunsAreRecordedCancelledWhenTheServerStops", "server stopped with 1 run running and 3 queued")) {
            Server one = Server.start(own, "1");
            List<String> queued = new ArrayList<>();
            try {
                one.submit(SubmitRunRequest.newBuilder().setSpec("artifacts/pipeline.jsonc").setData("big.parquet")
                        .setEngine("local"));
                for (int i = 0; i < 3; i++) {
                    c.injected();
                    queued.add(one.submit(SubmitRunRequest.newBuilder().setSpec("artifacts/pipeline.jsonc")
                            .setData("big.parquet").setEngine("local")));
                }
            } finally {
                one.stop();
            }
            for (String id : queued) {
                Shape.Result shown = Shape.run(own, Map.of("SHAPE_EVENTS", "none"), "runs", "show", id);
                assertEquals(0, shown.exitCode(), shown.all());
                assertTrue(shown.out().contains("CANCELLED"), shown.all());
                c.survived();
            }
        }
    }

    private static SubmitRunRequest.Builder request(String data) {
        return SubmitRunRequest.newBuilder().setSpec("artifacts/pipeline.jsonc").setData(data).setEngine("local");
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /** A client of {@link InProcessServer} on a working folder (its only allowed root). */
    private static final class Server {
        private final InProcessServer serving;
        private final ManagedChannel channel;
        private final RunServiceGrpc.RunServiceBlockingStub stub;

        private Server(InProcessServer serving) {
            this.serving = serving;
            this.channel = NettyChannelBuilder.forAddress("127.0.0.1", serving.port()).usePlaintext().build();
            Metadata auth = new Metadata();
            auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TOKEN);
            this.stub = RunServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
        }

        static Server start(Path work, String runThreads) throws InterruptedException {
            return new Server(InProcessServer.start(work, Map.of("SHAPE_GRPC_TOKEN", TOKEN, "SHAPE_EVENTS", "none"),
                    Map.of("grpc.run-threads", runThreads)));
        }

        String submit(SubmitRunRequest.Builder request) {
            return stub.withDeadlineAfter(30, TimeUnit.SECONDS).submitRun(request.build()).getRunId();
        }

        Run get(String id) {
            return stub.withDeadlineAfter(30, TimeUnit.SECONDS).getRun(GetRunRequest.newBuilder().setRunId(id).build());
        }

        Run finish(SubmitRunRequest.Builder request) throws InterruptedException {
            try {
                return awaitEnd(submit(request));
            } catch (StatusRuntimeException e) {
                throw new AssertionError("refused at submit (" + Status.fromThrowable(e) + "); the check when the "
                        + "run opens its files is what this test is about", e);
            }
        }

        Run awaitEnd(String id) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                Run run = get(id);
                if (run.getStatus() == RunStatus.SUCCEEDED || run.getStatus() == RunStatus.FAILED
                        || run.getStatus() == RunStatus.CANCELLED) {
                    return run;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("run " + id + " did not end within 120 s");
        }

        /** As SIGTERM does: the server drains (running runs finish or are cancelled, queued ones end). */
        void stop() throws InterruptedException {
            channel.shutdownNow();
            serving.stop();
        }
    }
}
