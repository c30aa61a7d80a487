package io.shape.adapters.grpc;

import io.shape.domain.run.RunId;
import io.shape.domain.run.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** 200 submissions from 20 concurrent clients: every run ends, none is lost or run twice. Prints, never asserts, timings. */
class RunServiceLoadTest {
    private static final int CLIENTS = 20;
    private static final int PER_CLIENT = 10;

    @TempDir
    Path root;

    @Test
    void everySubmissionEndsOnceUnderConcurrentClients() throws Exception {
        try (TestServer s = new TestServer(root, 4, CLIENTS * PER_CLIENT, 3, null, UnaryOperator.identity())) {
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Long> latenciesNanos = Collections.synchronizedList(new ArrayList<>());
            List<Future<List<RunId>>> futures = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                futures.add(clients.submit(() -> {
                    List<RunId> ids = new ArrayList<>();
                    try (RunServiceClient rpc = s.client()) {
                        rpc.list(Optional.empty(), 1, ""); // connects, so that latencies are of SubmitRun alone
                        for (int i = 0; i < PER_CLIENT; i++) {
                            long start = System.nanoTime();
                            ids.add(rpc.submit(s.command(), Optional.of("c" + client + "-" + i)).runId());
                            latenciesNanos.add(System.nanoTime() - start);
                        }
                    }
                    return ids;
                }));
            }
            List<RunId> ids = new ArrayList<>();
            for (Future<List<RunId>> f : futures) {
                ids.addAll(f.get());
            }
            double submitSeconds = (System.nanoTime() - t0) / 1e9;
            clients.shutdown();

            try (RunServiceClient rpc = s.client()) {
                for (RunId id : ids) {
                    assertEquals(RunStatus.SUCCEEDED, rpc.watch(id, u -> { }), "run " + id);
                }
                double allEndedSeconds = (System.nanoTime() - t0) / 1e9;
                assertEquals(CLIENTS * PER_CLIENT, new HashSet<>(ids).size(), "every submission got its own run");
                assertEquals(CLIENTS * PER_CLIENT, s.scoring.calls.get(), "every run executed exactly once");
                assertEquals(CLIENTS * PER_CLIENT, s.store.size());
                List<RunId> listed = new ArrayList<>();
                String token = "";
                do {
                    var page = rpc.list(Optional.of(RunStatus.SUCCEEDED), 64, token);
                    page.runs().forEach(r -> listed.add(r.id()));
                    token = page.nextPageToken();
                } while (!token.isEmpty());
                assertEquals(new HashSet<>(ids), new HashSet<>(listed));
                assertEquals(ids.size(), listed.size());

                List<Long> sorted = new ArrayList<>(latenciesNanos);
                Collections.sort(sorted);
                System.out.printf(java.util.Locale.ROOT,
                        "grpc load: %d submissions from %d clients in %.3f s = %.0f submissions/s; all ended after %.3f s;"
                                + " SubmitRun latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                        ids.size(), CLIENTS, submitSeconds, ids.size() / submitSeconds, allEndedSeconds,
                        sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1e6,
                        sorted.get(sorted.size() - 1) / 1e6);
            }
        }
    }
}
