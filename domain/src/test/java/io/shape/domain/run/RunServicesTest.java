package io.shape.domain.run;

import io.shape.domain.ErrorKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The exit-code rule: a run's error kind, or for a succeeded run whether every store holds its copy. */
class RunServicesTest {
    private static final Instant T = Instant.parse("2026-12-02T05:00:00Z");
    private final Run done = Run.queued(RunId.create(T), "local", T, null, null).started(T).succeeded(T, null);

    @Test
    void aSucceededRunExitsZeroUnlessAStoreMissedItsCopy() {
        assertEquals(0, RunServices.exitCode(done.withService(RunServices.TRACKING, RunServices.unreachable("down"))
                .withService(RunServices.PREDICTIONS_SINK, RunServices.stored(295))));
        Run storeDown = done.withService(RunServices.RUN_STORE, RunServices.unreachable("refused"));
        assertEquals(List.of(RunServices.RUN_STORE), RunServices.missedCopies(storeDown));
        assertEquals(1, RunServices.exitCode(storeDown));
        Run sinkFailed = done.withService(RunServices.PREDICTIONS_SINK, RunServices.failed("disk"));
        assertEquals(List.of(RunServices.PREDICTIONS_SINK), RunServices.missedCopies(sinkFailed));
        assertEquals(1, RunServices.exitCode(sinkFailed));
    }

    @Test
    void aFailedRunExitsWithItsKind() {
        for (ErrorKind kind : ErrorKind.values()) {
            Run failed = done.failed(T, new RunError(kind, "x"));
            assertEquals(kind.exitCode(), RunServices.exitCode(failed), kind.name());
        }
    }
}
