package io.shape.adapters.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.shape.adapters.grpc.v1.RunEvent;
import io.shape.application.port.in.RunEventFeed;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One WatchRun call: sends the run's events as fast as the client reads them (flow control through
 * {@code isReady}), so a slow client only falls behind in the bounded event log and never holds up the run.
 */
final class RunWatch {
    private static final int BATCH = 32;

    private final ServerCallStreamObserver<RunEvent> call;
    private final Executor drains;
    private final AtomicInteger pending = new AtomicInteger();
    private RunEventFeed.Subscription subscription;
    private boolean done;

    RunWatch(ServerCallStreamObserver<RunEvent> call, Executor drains) {
        this.call = call;
        this.drains = drains;
    }

    /** What the feed calls on a new event: hands the work to a drain thread, never blocking the run. */
    void eventArrived() {
        drains.execute(this::wake);
    }

    /** Sends the snapshot, then follows the subscription; handlers are set first, as gRPC requires. */
    void start(RunEvent snapshot, RunEventFeed.Subscription s) {
        call.setOnCancelHandler(this::wake);
        call.setOnReadyHandler(this::wake);
        call.onNext(snapshot);
        synchronized (this) {
            subscription = s;
        }
        wake();
    }

    /** Drains on whichever thread arrives first; others only note that there is more to do. */
    private void wake() {
        if (pending.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            drain();
            missed = pending.addAndGet(-missed);
        } while (missed != 0);
    }

    private void drain() {
        RunEventFeed.Subscription s;
        synchronized (this) {
            s = subscription;
        }
        if (done || s == null) {
            return;
        }
        if (call.isCancelled()) {
            done = true;
            s.close();
            return;
        }
        while (call.isReady()) {
            List<io.shape.domain.run.RunEvent> batch = s.poll(BATCH);
            if (batch.isEmpty()) {
                break;
            }
            for (io.shape.domain.run.RunEvent e : batch) {
                call.onNext(RunMessages.event(e));
            }
        }
        if (s.finished()) {
            done = true;
            s.close();
            call.onCompleted();
        }
    }
}
