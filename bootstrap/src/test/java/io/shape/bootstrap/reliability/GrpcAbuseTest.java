package io.shape.bootstrap.reliability;

import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.shape.adapters.grpc.v1.GetRunRequest;
import io.shape.adapters.grpc.v1.ListRunsRequest;
import io.shape.adapters.grpc.v1.RunEvent;
import io.shape.adapters.grpc.v1.RunServiceGrpc;
import io.shape.adapters.grpc.v1.RunStatus;
import io.shape.adapters.grpc.v1.SubmitRunRequest;
import io.shape.adapters.grpc.v1.WatchRunRequest;
import io.shape.bootstrap.inprocess.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code shape serve} as wired for production (in-process, port 0, a bearer token) under abuse: calls
 * without or with a wrong token, paths escaping the allowed root, oversized messages and metadata, 1000
 * concurrent WatchRun streams with a third of the clients vanishing mid-stream. The server answers each with
 * a status, stays up, and its threads and heap stay bounded.
 */
@Tag("reliability")
class GrpcAbuseTest {
    private static final String TOKEN = "reliability-token-0123456789";
    private static final Ledger LEDGER = new Ledger(GrpcAbuseTest.class);

    @TempDir
    static Path root;
    static Path work;
    static Path table;
    static InProcessServer server;
    static int port;
    static final List<ManagedChannel> CHANNELS = new ArrayList<>();

    @BeforeAll
    static void serve() throws Exception {
        work = Files.createDirectories(root.resolve("work"));
        table = work.resolve("big.parquet");
        Shape.generate(work, table, 400_000, 3);
        Shape.copySeedArtifacts(work);
        server = InProcessServer.start(work, Map.of("SHAPE_GRPC_TOKEN", TOKEN, "SHAPE_EVENTS", "none"), Map.of());
        port = server.port();
    }

    @AfterAll
    static void stop() throws Exception {
        LEDGER.write();
        CHANNELS.forEach(ManagedChannel::shutdownNow);
        server.stop();
    }

    private static ManagedChannel channel() {
        ManagedChannel c = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                .maxInboundMessageSize(8 << 20).build();
        synchronized (CHANNELS) {
            CHANNELS.add(c);
        }
        return c;
    }

    private static CallCredentials bearer(String token) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata m = new Metadata();
                m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
                applier.apply(m);
            }
        };
    }

    private static RunServiceGrpc.RunServiceBlockingStub blocking(ManagedChannel c) {
        return RunServiceGrpc.newBlockingStub(c).withCallCredentials(bearer(TOKEN)).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private static Status.Code codeOf(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    private static void assertServing(ManagedChannel c) {
        blocking(c).listRuns(ListRunsRequest.newBuilder().setPageSize(1).build());
    }

    @Test
    void callsWithoutTheTokenAreRefused() {
        ManagedChannel c = channel();
        try (Ledger.Case k = LEDGER.open("authenticated gRPC: every call needs the token",
                "callsWithoutTheTokenAreRefused", "no token / wrong token / malformed header on every RPC")) {
            List<RunServiceGrpc.RunServiceBlockingStub> stubs = List.of(RunServiceGrpc.newBlockingStub(c),
                    RunServiceGrpc.newBlockingStub(c).withCallCredentials(bearer("wrong")),
                    RunServiceGrpc.newBlockingStub(c).withCallCredentials(bearer(TOKEN + "x")),
                    RunServiceGrpc.newBlockingStub(c).withCallCredentials(bearer("")));
            for (RunServiceGrpc.RunServiceBlockingStub stub : stubs) {
                List<Runnable> calls = List.of(
                        () -> stub.listRuns(ListRunsRequest.getDefaultInstance()),
                        () -> stub.getRun(GetRunRequest.newBuilder().setRunId("20260101-000000-00000000").build()),
                        () -> stub.submitRun(SubmitRunRequest.newBuilder().setSpec("artifacts/pipeline.jsonc")
                                .setData(table.toString()).build()),
                        () -> stub.watchRun(WatchRunRequest.newBuilder().setRunId("20260101-000000-00000000").build())
                                .hasNext());
                for (Runnable call : calls) {
                    assertEquals(Status.Code.UNAUTHENTICATED, codeOf(call));
                    k.passed();
                }
            }
            assertServing(c);
        }
    }

    @Test
    void pathsOutsideTheAllowedRootAreRefused() throws Exception {
        ManagedChannel c = channel();
        Set<String> before = Set.copyOf(listing(root.getParent()));
        try (Ledger.Case k = LEDGER.open("validated gRPC requests: paths stay under the allowed roots",
                "pathsOutsideTheAllowedRootAreRefused", "../ and absolute paths, file:// URIs in every path field")) {
            String spec = "artifacts/pipeline.jsonc";
            String data = table.toString();
            List<Consumer<SubmitRunRequest.Builder>> hostile = List.of(
                    b -> b.setSpec("../../../../etc/passwd"), b -> b.setSpec("/etc/passwd"),
                    b -> b.setSpec("artifacts/../../outside.jsonc"), b -> b.setData("/etc/passwd"),
                    b -> b.setData("../" + root.getFileName() + "/../x.parquet"), b -> b.setData("file:///etc/passwd"),
                    b -> b.setModel("../../../../etc/shadow"), b -> b.setModel("/etc/shadow"),
                    b -> b.setOutput("../escaped"), b -> b.setOutput("/tmp/shape-escaped-" + port),
                    b -> b.setOutput("out/../../escaped2"), b -> b.setFittedState("/etc/hostname"),
                    b -> b.setSpec("artifacts/pipeline.jsonc\u0000../../etc/passwd"));
            for (Consumer<SubmitRunRequest.Builder> h : hostile) {
                SubmitRunRequest.Builder b = SubmitRunRequest.newBuilder().setSpec(spec).setData(data).setEngine("local");
                h.accept(b);
                Status.Code code = codeOf(() -> blocking(c).submitRun(b.build()));
                assertTrue(code == Status.Code.PERMISSION_DENIED || code == Status.Code.INVALID_ARGUMENT,
                        b.build() + " -> " + code);
                k.passed();
            }
        }
        assertEquals(before, Set.copyOf(listing(root.getParent())), "nothing written outside the allowed root");
        assertTrue(!Files.exists(Path.of("/tmp/shape-escaped-" + port)));
        assertServing(c);
    }

    @Test
    void oversizedMessagesAreRefusedAndTheServerStaysUp() {
        ManagedChannel c = channel();
        try (Ledger.Case k = LEDGER.open("bounded gRPC resources",
                "oversizedMessagesAreRefusedAndTheServerStaysUp", "2 MB and 16 MB requests, 64 KB metadata, 10k options")) {
            for (int mb : new int[] {2, 16}) {
                String big = "x".repeat(mb << 20);
                Status.Code code = codeOf(() -> blocking(c).submitRun(SubmitRunRequest.newBuilder().setSpec(big).build()));
                assertEquals(Status.Code.RESOURCE_EXHAUSTED, code);
                k.passed();
                assertServing(c);
            }
            Metadata huge = new Metadata();
            huge.put(Metadata.Key.of("x-padding", Metadata.ASCII_STRING_MARSHALLER), "p".repeat(64 * 1024));
            Status.Code code = codeOf(() -> blocking(c).withInterceptors(
                    io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(huge))
                    .listRuns(ListRunsRequest.getDefaultInstance()));
            assertTrue(code != Status.Code.OK, "64 KB of metadata refused: " + code);
            k.passed();
            SubmitRunRequest.Builder many = SubmitRunRequest.newBuilder().setSpec("artifacts/pipeline.jsonc")
                    .setData(table.toString());
            for (int i = 0; i < 10_000; i++) {
                many.putOptions("spark.k" + i, "v");
            }
            code = codeOf(() -> blocking(c).submitRun(many.build()));
            assertTrue(code != Status.Code.OK && code != Status.Code.INTERNAL && code != Status.Code.UNKNOWN,
                    "10k options: " + code);
            k.passed();
            assertServing(channel());
        }
    }

    @Test
    void aThousandWatchersAndVanishingClientsKeepTheServerBounded() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        int threadsBefore = threads.getThreadCount();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        ManagedChannel control = channel();
        String runId = blocking(control).submitRun(SubmitRunRequest.newBuilder().setSpec("artifacts/pipeline.jsonc")
                .setData(table.toString()).setEngine("local").setOutput("out/watched").build()).getRunId();
        int watchers = 1000;
        int vanishing = watchers / 3;
        List<ManagedChannel> channels = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            channels.add(channel());
        }
        CountDownLatch ended = new CountDownLatch(watchers - vanishing);
        AtomicInteger terminal = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<ClientCallStreamObserver<WatchRunRequest>> toCancel = new ArrayList<>();
        try (Ledger.Case k = LEDGER.open("bounded gRPC resources",
                "aThousandWatchersAndVanishingClientsKeepTheServerBounded",
                "1000 concurrent WatchRun streams, 333 cancelled mid-stream")) {
            for (int i = 0; i < watchers; i++) {
                boolean vanish = i % 3 == 0 && toCancel.size() < vanishing;
                k.injected();
                RunServiceGrpc.newStub(channels.get(i % channels.size())).withCallCredentials(bearer(TOKEN))
                        .watchRun(WatchRunRequest.newBuilder().setRunId(runId).build(),
                                new ClientResponseObserver<WatchRunRequest, RunEvent>() {
                                    @Override
                                    public void beforeStart(ClientCallStreamObserver<WatchRunRequest> call) {
                                        if (vanish) {
                                            synchronized (toCancel) {
                                                toCancel.add(call);
                                            }
                                        }
                                    }

                                    @Override
                                    public void onNext(RunEvent e) {
                                        if (e.hasTerminal()) {
                                            terminal.incrementAndGet();
                                        }
                                    }

                                    @Override
                                    public void onError(Throwable t) {
                                        if (!vanish) {
                                            errors.incrementAndGet();
                                            ended.countDown();
                                        }
                                    }

                                    @Override
                                    public void onCompleted() {
                                        if (!vanish) {
                                            ended.countDown();
                                        }
                                    }
                                });
            }
            Thread.sleep(500);
            int threadsDuring = threads.getThreadCount();
            synchronized (toCancel) {
                toCancel.forEach(call -> call.cancel("client went away", null));
            }
            assertServing(control);
            if (!ended.await(5, TimeUnit.MINUTES)) {
                fail("watchers still open: " + ended.getCount() + " of " + (watchers - vanishing));
            }
            assertEquals(0, errors.get(), "watch streams that ended in an error");
            assertEquals(watchers - vanishing, terminal.get(), "every remaining watcher saw the run end");
            System.gc();
            int threadsAfter = threads.getThreadCount();
            long heapAfter = memory.getHeapMemoryUsage().getUsed();
            LEDGER.note(String.format(java.util.Locale.ROOT, "1000 watchers: JVM threads %d before, %d with every "
                            + "stream open, %d after; heap %d MB before, %d MB after", threadsBefore, threadsDuring,
                    threadsAfter, heapBefore >> 20, heapAfter >> 20));
            assertTrue(threadsDuring - threadsBefore < 150, "threads bounded: " + threadsBefore + " -> " + threadsDuring);
            assertTrue(heapAfter - heapBefore < 512L << 20, "heap bounded");
            for (int i = 0; i < watchers; i++) {
                k.survived();
            }
            assertEquals(RunStatus.SUCCEEDED, blocking(control).getRun(GetRunRequest.newBuilder().setRunId(runId).build())
                    .getStatus());
        }
    }

    private static List<String> listing(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.contains("escaped")).toList();
        }
    }
}
