package io.shape.adapters.grpc;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.shape.adapters.grpc.RunServiceClient.RunUpdate;
import io.shape.adapters.grpc.v1.GetRunRequest;
import io.shape.adapters.grpc.v1.ListRunsRequest;
import io.shape.adapters.grpc.v1.RunServiceGrpc;
import io.shape.adapters.grpc.v1.SubmitRunRequest;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunServiceTest {
    @TempDir
    Path root;

    private TestServer server(int threads, int queue, int batches, Semaphore hold) throws Exception {
        return new TestServer(root, threads, queue, batches, hold, UnaryOperator.identity());
    }

    @Test
    void submittedRunIsWatchedToSuccess() throws Exception {
        try (TestServer s = server(2, 4, 5, null); RunServiceClient client = s.client()) {
            RunServiceClient.Submitted submitted = client.submit(s.command(), Optional.empty());
            List<RunUpdate> updates = new ArrayList<>();
            RunStatus end = client.watch(submitted.runId(), updates::add);

            assertEquals(RunStatus.SUCCEEDED, end);
            assertEquals("status", updates.get(0).kind(), "a watch opens with the current status");
            assertTrue(updates.stream().anyMatch(u -> u.kind().equals("step") && u.text().contains("scaler")), updates::toString);
            assertEquals(5, updates.stream().filter(u -> u.kind().equals("progress")).count(), updates::toString);
            RunUpdate last = updates.get(updates.size() - 1);
            assertEquals("end", last.kind());
            assertEquals(500, last.rowsDone());
            assertTrue(last.text().contains("500 rows (500 × 1)"), last.text());
            assertEquals(1, updates.stream().filter(u -> u.kind().equals("end")).count());

            RunServiceClient.RunView view = client.get(submitted.runId()).orElseThrow();
            assertEquals(RunStatus.SUCCEEDED, view.status());
            assertEquals(500, view.rows());
            assertTrue(view.endedAt().isPresent());
            // a later watch of the ended run replays its events and ends at once
            assertEquals(RunStatus.SUCCEEDED, client.watch(submitted.runId(), u -> { }));
        }
    }

    @Test
    void requestErrorsNameTheField() throws Exception {
        try (TestServer s = server(1, 1, 1, null); Closing channel = closing(s.rawChannel())) {
            var stub = RunServiceGrpc.newBlockingStub(channel.channel());
            SubmitRunRequest good = SubmitRunRequest.newBuilder().setSpec("spec.jsonc").setData("data")
                    .setEngine("local").build();

            assertStatus(Status.Code.INVALID_ARGUMENT, "spec:", () -> stub.submitRun(good.toBuilder().setSpec("").build()));
            assertStatus(Status.Code.INVALID_ARGUMENT, "spec:", () -> stub.submitRun(good.toBuilder().setSpec("missing.jsonc").build()));
            assertStatus(Status.Code.INVALID_ARGUMENT, "data:", () -> stub.submitRun(good.toBuilder().setData("").build()));
            assertStatus(Status.Code.INVALID_ARGUMENT, "data:", () -> stub.submitRun(good.toBuilder().setData("s3://bucket/x").build()));
            assertStatus(Status.Code.INVALID_ARGUMENT, "engine:", () -> stub.submitRun(good.toBuilder().setEngine(" ").build()));
            assertStatus(Status.Code.INVALID_ARGUMENT, "model:", () -> stub.submitRun(good.toBuilder().setModel("nope.pkl").build()));
            assertStatus(Status.Code.INVALID_ARGUMENT, "idempotency_key:", () -> stub.submitRun(good.toBuilder().setIdempotencyKey("").build()));
            assertStatus(Status.Code.INVALID_ARGUMENT, "format:", () -> stub.submitRun(good.toBuilder().setFormatValue(42).build()));
            assertStatus(Status.Code.INVALID_ARGUMENT, "run_id:", () -> stub.getRun(GetRunRequest.newBuilder().setRunId("x/../y").build()));
            assertStatus(Status.Code.NOT_FOUND, "run_id:", () -> stub.getRun(GetRunRequest.newBuilder().setRunId("20250101-000000-00000000").build()));
            assertStatus(Status.Code.INVALID_ARGUMENT, "page_size:", () -> stub.listRuns(ListRunsRequest.newBuilder().setPageSize(-1).build()));
            assertStatus(Status.Code.INVALID_ARGUMENT, "page_size:", () -> stub.listRuns(ListRunsRequest.newBuilder().setPageSize(5000).build()));
            assertStatus(Status.Code.INVALID_ARGUMENT, "page_token:", () -> stub.listRuns(ListRunsRequest.newBuilder().setPageToken("garbage!").build()));
            assertStatus(Status.Code.NOT_FOUND, "run_id:", () -> stub.cancelRun(io.shape.adapters.grpc.v1.CancelRunRequest.newBuilder().setRunId("20250101-000000-00000000").build()));
            assertStatus(Status.Code.NOT_FOUND, "run_id:", () -> stub.watchRun(io.shape.adapters.grpc.v1.WatchRunRequest.newBuilder().setRunId("20250101-000000-00000000").build()).hasNext());
            assertEquals(0, s.scoring.calls.get(), "no bad request may start a run");
        }
    }

    @Test
    void pathsOutsideTheAllowedRootsAreRefused() throws Exception {
        Path outside = Files.createTempFile("shape-outside", ".jsonc");
        Path link = root.resolve("sneaky.jsonc");
        Files.createSymbolicLink(link, outside);
        try (TestServer s = server(1, 1, 1, null); Closing channel = closing(s.rawChannel())) {
            var stub = RunServiceGrpc.newBlockingStub(channel.channel());
            SubmitRunRequest good = SubmitRunRequest.newBuilder().setSpec("spec.jsonc").setData("data")
                    .setEngine("local").build();
            assertStatus(Status.Code.PERMISSION_DENIED, "spec:", () -> stub.submitRun(good.toBuilder().setSpec("/etc/passwd").build()));
            assertStatus(Status.Code.PERMISSION_DENIED, "spec:", () -> stub.submitRun(good.toBuilder().setSpec("../../etc/passwd").build()));
            assertStatus(Status.Code.PERMISSION_DENIED, "spec:", () -> stub.submitRun(good.toBuilder().setSpec("sneaky.jsonc").build()));
            assertStatus(Status.Code.PERMISSION_DENIED, "data:", () -> stub.submitRun(good.toBuilder().setData("data/../../..").build()));
            assertStatus(Status.Code.PERMISSION_DENIED, "output:", () -> stub.submitRun(good.toBuilder().setOutput("/tmp/../var/out").build()));
            assertStatus(Status.Code.PERMISSION_DENIED, "fitted_state:", () -> stub.submitRun(good.toBuilder().setFittedState("/etc/hostname").build()));
            assertEquals(0, s.scoring.calls.get());
            // inside the root, relative and absolute both work, and a new output folder is fine
            stub.submitRun(good.toBuilder().setSpec(root.resolve("spec.jsonc").toString()).setOutput("out/new").build());
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void tokenIsRequiredWhenConfigured() throws Exception {
        try (TestServer s = new TestServer(root, 1, 1, 1, null, c -> c.withToken("s3cret"));
             RunServiceClient none = s.client();
             RunServiceClient wrong = s.client(Optional.of("s3cre7"));
             RunServiceClient right = s.client(Optional.of("s3cret"));
             Closing channel = closing(s.rawChannel())) {
            var noToken = assertThrows(RunServiceClient.GrpcCallFailed.class, () -> none.submit(s.command(), Optional.empty()));
            assertEquals(Status.Code.UNAUTHENTICATED, noToken.code());
            var wrongToken = assertThrows(RunServiceClient.GrpcCallFailed.class, () -> wrong.list(Optional.empty(), 10, ""));
            assertEquals(Status.Code.UNAUTHENTICATED, wrongToken.code());
            assertEquals(0, s.scoring.calls.get());

            RunId id = right.submit(s.command(), Optional.empty()).runId();
            assertEquals(RunStatus.SUCCEEDED, right.watch(id, u -> { }));
            // health stays open for probes
            HealthCheckResponse health = HealthGrpc.newBlockingStub(channel.channel()).check(HealthCheckRequest.newBuilder()
                    .setService(RunServiceGrpc.SERVICE_NAME).build());
            assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.getStatus());
        }
    }

    @Test
    void withoutTokenConfiguredNoneIsNeeded() throws Exception {
        try (TestServer s = server(1, 1, 1, null); RunServiceClient client = s.client(Optional.of("anything"))) {
            RunId id = client.submit(s.command(), Optional.empty()).runId();
            assertEquals(RunStatus.SUCCEEDED, client.watch(id, u -> { }));
        }
    }

    @Test
    void sameIdempotencyKeyGivesTheSameRun() throws Exception {
        try (TestServer s = server(2, 4, 1, null); RunServiceClient client = s.client()) {
            var first = client.submit(s.command(), Optional.of("job-42"));
            var again = client.submit(s.command(), Optional.of("job-42"));
            assertEquals(first.runId(), again.runId());
            assertFalse(first.duplicate());
            assertTrue(again.duplicate());
            var other = client.submit(s.command(), Optional.of("job-43"));
            assertFalse(other.runId().equals(first.runId()));
            client.watch(first.runId(), u -> { });
            client.watch(other.runId(), u -> { });
            assertEquals(2, s.scoring.calls.get(), "a repeated key must not start a second run");

            var differentRequest = assertThrows(RunServiceClient.GrpcCallFailed.class, () -> client.submit(
                    new io.shape.application.port.in.ScoreCommand(s.command().spec(), s.command().data(),
                            Optional.empty(), Optional.empty(), "spark", s.command().format(), Optional.empty(),
                            java.util.Map.of()), Optional.of("job-42")));
            assertEquals(Status.Code.INVALID_ARGUMENT, differentRequest.code());
            assertTrue(differentRequest.getMessage().contains("job-42"));
        }
    }

    @Test
    void cancelledRunsEndCancelled() throws Exception {
        Semaphore hold = new Semaphore(0);
        try (TestServer s = server(1, 2, 10, hold); RunServiceClient client = s.client()) {
            RunId running = client.submit(s.command(), Optional.empty()).runId();
            RunId queued = client.submit(s.command(), Optional.empty()).runId();
            hold.release(2);
            awaitRows(s, running, 200);
            assertEquals(RunStatus.QUEUED, client.get(queued).orElseThrow().status());

            assertTrue(client.cancel(queued));
            assertTrue(client.cancel(running));
            List<RunUpdate> updates = new CopyOnWriteArrayList<>();
            assertEquals(RunStatus.CANCELLED, client.watch(running, updates::add));
            assertEquals(RunStatus.CANCELLED, client.watch(queued, u -> { }));
            assertEquals(RunStatus.CANCELLED, client.get(running).orElseThrow().status());
            assertEquals(RunStatus.CANCELLED, client.get(queued).orElseThrow().status());
            assertTrue(client.get(running).orElseThrow().errorMessage().contains("200 rows"));
            assertEquals(1, s.scoring.calls.get(), "the queued run never reached the scoring service");
            assertFalse(client.cancel(running), "an ended run cannot be cancelled again");
        }
    }

    @Test
    void fullQueueIsResourceExhausted() throws Exception {
        Semaphore hold = new Semaphore(0);
        try (TestServer s = server(1, 1, 1, hold); RunServiceClient client = s.client()) {
            RunId a = client.submit(s.command(), Optional.empty()).runId();
            awaitStatus(client, a, RunStatus.RUNNING);
            RunId b = client.submit(s.command(), Optional.empty()).runId();
            var full = assertThrows(RunServiceClient.GrpcCallFailed.class, () -> client.submit(s.command(), Optional.empty()));
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, full.code());
            hold.release(2);
            assertEquals(RunStatus.SUCCEEDED, client.watch(a, u -> { }));
            assertEquals(RunStatus.SUCCEEDED, client.watch(b, u -> { }));
            client.submit(s.command(), Optional.empty()); // room again
        }
    }

    @Test
    void listIsNewestFirstPagedAndFiltered() throws Exception {
        Semaphore hold = new Semaphore(0);
        try (TestServer s = server(1, 10, 1, hold); RunServiceClient client = s.client()) {
            List<RunId> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(client.submit(s.command(), Optional.empty()).runId());
                Thread.sleep(2); // distinct creation times
            }
            hold.release(2);
            client.watch(ids.get(0), u -> { });
            client.watch(ids.get(1), u -> { });

            List<RunId> listed = new ArrayList<>();
            String token = "";
            int pages = 0;
            do {
                var page = client.list(Optional.empty(), 2, token);
                page.runs().forEach(r -> listed.add(r.id()));
                token = page.nextPageToken();
                pages++;
            } while (!token.isEmpty());
            assertEquals(3, pages);
            assertEquals(reversed(ids), listed, "newest first, every run once, queued ones included");

            var succeeded = client.list(Optional.of(RunStatus.SUCCEEDED), 10, "").runs();
            assertEquals(List.of(ids.get(1), ids.get(0)), succeeded.stream().map(RunServiceClient.RunView::id).toList());
            var queued = client.list(Optional.of(RunStatus.QUEUED), 10, "").runs();
            assertEquals(reversed(ids.subList(3, 5)), queued.stream().map(RunServiceClient.RunView::id).toList());
            assertEquals(RunStatus.RUNNING, client.get(ids.get(2)).orElseThrow().status());
            hold.release(100);
        }
    }

    @Test
    void oversizedRequestsAreRefused() throws Exception {
        try (TestServer s = server(1, 1, 1, null); RunServiceClient client = s.client()) {
            var big = new io.shape.application.port.in.ScoreCommand(s.command().spec(), s.command().data(),
                    Optional.empty(), Optional.empty(), "local", s.command().format(), Optional.empty(),
                    java.util.Map.of("spark.junk", "x".repeat(100 * 1024)));
            var refused = assertThrows(RunServiceClient.GrpcCallFailed.class, () -> client.submit(big, Optional.empty()));
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.code());
            assertEquals(0, s.scoring.calls.get());
        }
    }

    @Test
    void stopCancelsRunsThatOutliveTheGrace() throws Exception {
        Semaphore hold = new Semaphore(0);
        TestServer s = new TestServer(root, 1, 2, 5, hold, c -> c.withShutdownGrace(Duration.ofMillis(300)));
        RunId running;
        RunId queued;
        try (RunServiceClient client = s.client()) {
            running = client.submit(s.command(), Optional.empty()).runId();
            queued = client.submit(s.command(), Optional.empty()).runId();
            awaitStatus(client, running, RunStatus.RUNNING);
        }
        s.close();
        assertEquals(List.of(Duration.ofMillis(300)), s.drains.graces(), "the configured grace, not the default");
        assertEquals(RunStatus.CANCELLED, s.submissions.get(running).orElseThrow().status());
        assertEquals(RunStatus.CANCELLED, s.submissions.get(queued).orElseThrow().status());
        var rejected = assertThrows(io.shape.application.port.in.SubmissionRejected.class,
                () -> s.submissions.submit(s.command(), Optional.empty()));
        assertTrue(rejected.getMessage().contains("shutting down"));
    }

    /** Waits, reading the run's events as a watcher would, until it has scored {@code rows} rows. */
    static void awaitRows(TestServer s, RunId id, long rows) throws InterruptedException {
        var subscription = s.events.subscribe(id, () -> { }).orElseThrow();
        long deadline = System.nanoTime() + 10_000_000_000L;
        long seen = 0;
        while (seen < rows) {
            for (var e : subscription.poll(100)) {
                if (e instanceof io.shape.domain.run.RunEvent.Progress p) {
                    seen = Math.max(seen, p.rowsDone());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("run " + id + " did not reach " + rows + " rows");
            }
            Thread.sleep(5);
        }
        subscription.close();
    }

    static void awaitStatus(RunServiceClient client, RunId id, RunStatus status) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (client.get(id).orElseThrow().status() != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("run " + id + " never became " + status);
            }
            Thread.sleep(5);
        }
    }

    static void assertStatus(Status.Code code, String fieldPrefix, Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(code, e.getStatus().getCode(), e::toString);
        assertTrue(e.getStatus().getDescription().startsWith(fieldPrefix), e::toString);
    }

    static Closing closing(ManagedChannel channel) {
        return new Closing(channel);
    }

    /** A channel that try-with-resources closes. */
    record Closing(ManagedChannel channel) implements AutoCloseable {
        @Override
        public void close() {
            channel.shutdownNow();
        }
    }

    static List<RunId> reversed(List<RunId> ids) {
        List<RunId> copy = new ArrayList<>(ids);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
