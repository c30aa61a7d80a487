package io.shape.adapters.tracking.events;

import io.shape.adapters.tracking.SampleRuns;
import io.shape.domain.run.RunEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The events log file: one line per event, whatever text the event carries. */
class JsonLinesRunEventsTest {
    @TempDir
    Path dir;

    /** Reliability finding: a lone surrogate (from a fuzzed spec) in an error message made the append throw. */
    @Test
    void aMessageWithALoneSurrogateIsStillAppended() throws Exception {
        Path file = dir.resolve("logs/events.jsonl");
        JsonLinesRunEvents events = JsonLinesRunEvents.appendingTo(file);
        events.publish(new RunEvent.RunFailed("e1", SampleRuns.runId(1), Instant.parse("2026-01-01T00:00:00Z"),
                "INVALID_INPUT", "unknown step class 'Scaler\uD83D'", Map.of()));
        events.publish(new RunEvent.RunFailed("e2", SampleRuns.runId(2), Instant.parse("2026-01-01T00:00:01Z"),
                "INVALID_INPUT", "fine", Map.of()));

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("\"event_id\":\"e1\""), lines.get(0));
        assertTrue(lines.get(1).contains("\"event_id\":\"e2\""), lines.get(1));
    }
}
