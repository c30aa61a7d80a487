package io.shape.adapters.tracking.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class EventSpoolTest {
    @Test
    void drainDeliversInOrderAndRemembersWhatWasDelivered(@TempDir Path dir) {
        EventSpool spool = new EventSpool(dir);
        for (int i = 0; i < 5; i++) {
            spool.append(event(i));
        }
        List<String> seen = new ArrayList<>();
        // Kafka acknowledges 0, 1 and 3, not 2 and 4.
        int left = spool.drain(events -> {
            events.forEach(e -> seen.add(e.eventId()));
            return Set.of("e0", "e1", "e3");
        });
        assertEquals(List.of("e0", "e1", "e2", "e3", "e4"), seen);
        assertEquals(2, left);

        // A new process (after a crash) sees only what is still undelivered, in order.
        EventSpool reopened = new EventSpool(dir);
        assertEquals(2, reopened.pendingCount());
        List<String> second = new ArrayList<>();
        assertEquals(0, reopened.drain(events -> {
            events.forEach(e -> second.add(e.eventId()));
            return events.stream().map(SpooledEvent::eventId).toList();
        }));
        assertEquals(List.of("e2", "e4"), second);
        assertFalse(Files.exists(dir.resolve("events.jsonl")), "a delivered spool is removed");
        assertFalse(Files.exists(dir.resolve("events.delivered")));
    }

    @Test
    void appendsAfterAPartialDrainKeepTheirPlace(@TempDir Path dir) {
        EventSpool spool = new EventSpool(dir);
        spool.append(event(0));
        spool.append(event(1));
        spool.drain(events -> Set.of("e0"));
        spool.append(event(2));
        List<String> seen = new ArrayList<>();
        spool.drain(events -> {
            events.forEach(e -> seen.add(e.eventId()));
            return Set.of();
        });
        assertEquals(List.of("e1", "e2"), seen);
        assertEquals(2, spool.pendingCount());
    }

    @Test
    void aTornLastLineFromACrashIsDropped(@TempDir Path dir) throws Exception {
        EventSpool spool = new EventSpool(dir);
        spool.append(event(0));
        Files.writeString(dir.resolve("events.jsonl"), "{\"event_id\":\"e9\",\"ke",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        spool.append(event(1));
        assertEquals(2, spool.pendingCount());
        List<String> seen = new ArrayList<>();
        spool.drain(events -> {
            events.forEach(e -> seen.add(e.eventId()));
            return Set.of();
        });
        assertEquals(List.of("e0", "e1"), seen);
    }

    @Test
    void valuesSurviveByteForByte(@TempDir Path dir) {
        EventSpool spool = new EventSpool(dir);
        String value = "{\"message\":\"line\\nbreak, quote \\\" and ü\"}";
        spool.append(new SpooledEvent("e", "20261126-100000-00000001", value));
        spool.drain(events -> {
            assertEquals(value, events.get(0).value());
            assertEquals("20261126-100000-00000001", events.get(0).key());
            return Set.of("e");
        });
    }

    private static SpooledEvent event(int i) {
        return new SpooledEvent("e" + i, "20261126-100000-00000001", "{\"n\":" + i + "}");
    }
}
