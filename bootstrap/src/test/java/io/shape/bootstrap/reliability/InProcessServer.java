package io.shape.bootstrap.reliability;

import io.shape.adapters.cli.ShapeServices;
import io.shape.bootstrap.Wiring;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code shape serve} wired as for production, in this JVM, on a working folder and port 0. */
final class InProcessServer {
    private final Thread serving;
    private final int port;

    private InProcessServer(Thread serving, int port) {
        this.serving = serving;
        this.port = port;
    }

    static InProcessServer start(Path work, Map<String, String> env, Map<String, String> flags)
            throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger bound = new AtomicInteger();
        Map<String, String> withPort = new java.util.HashMap<>(flags);
        withPort.put("grpc.port", "0");
        Thread serving = new Thread(() -> {
            try (ShapeServices s = new Wiring(work, env).open(withPort)) {
                s.serve(p -> {
                    bound.set(p);
                    started.countDown();
                });
            }
        }, "shape-serve-under-test");
        serving.setDaemon(true);
        serving.start();
        assertTrue(started.await(60, TimeUnit.SECONDS), "the server started");
        return new InProcessServer(serving, bound.get());
    }

    int port() {
        return port;
    }

    /** As SIGTERM does: serve() stops the server when its wait is interrupted, draining its runs. */
    void stop() throws InterruptedException {
        serving.interrupt();
        serving.join(120_000);
    }
}
