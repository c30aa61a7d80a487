package io.shape.application.service;

import io.shape.domain.port.RunEvents;
import io.shape.domain.run.RunEvent;
import io.shape.domain.run.RunId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A failing events sink degrades the events, never the run. */
class RunEventLogTest {
    private static final RunId RUN = new RunId("20260101-000000-0000000a");

    @Test
    void aSinkThatThrowsIsRecordedInTheStatusNotThrown() {
        RunEvents broken = new RunEvents() {
            @Override
            public void publish(RunEvent event) {
                throw new IllegalStateException("disk full");
            }

            @Override
            public void flush() {
            }

            @Override
            public String status() {
                return "delivered";
            }

            @Override
            public int redeliver() {
                return 0;
            }
        };
        RunEventLog log = new RunEventLog(broken);

        log.publish(new RunEvent.RunFailed("e1", RUN, Instant.EPOCH, "INVALID_INPUT", "bad spec", Map.of()));
        log.flush();

        assertTrue(log.status().startsWith("failed: disk full"), log.status());
        assertEquals(1, log.subscribe(RUN, () -> { }).orElseThrow().poll(10).size(), "watchers still see it");
    }
}
