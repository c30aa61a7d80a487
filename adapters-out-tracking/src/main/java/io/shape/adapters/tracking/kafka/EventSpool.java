package io.shape.adapters.tracking.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A crash-safe local queue of events Kafka has not acknowledged: {@code events.jsonl} (append-only, one
 * JSON line per event, fsync'd before {@link #append} returns) and {@code events.delivered} (replaced
 * atomically): the byte offset up to which every line is delivered, plus the ids of delivered events
 * beyond it. Delivery is at least once: a crash between Kafka's acknowledgement and the marker update
 * re-delivers those events, which consumers drop by {@code event_id}.
 *
 * <p>Processes sharing the folder (a run and {@code shape events flush}) serialize through a file lock.
 */
public final class EventSpool {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** One lock per spool folder in this JVM: a FileLock is held per process, not per thread. */
    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path directory;
    private final Path events;
    private final Path marker;
    private final Path lockFile;

    public EventSpool(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
        this.events = this.directory.resolve("events.jsonl");
        this.marker = this.directory.resolve("events.delivered");
        this.lockFile = this.directory.resolve("events.lock");
    }

    /** The spool file, for messages. */
    public Path file() {
        return events;
    }

    /** Adds an event at the end and returns once it is on disk. */
    public void append(SpooledEvent event) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("event_id", event.eventId());
        line.put("key", event.key());
        line.put("value", event.value());
        byte[] bytes = (line.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        locked(() -> {
            try (FileChannel channel = FileChannel.open(events, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.READ)) {
                dropTornTail(channel);
                channel.position(channel.size());
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
            }
            return null;
        });
    }

    /** How many spooled events wait for delivery. */
    public int pendingCount() {
        return locked(() -> readPending().size());
    }

    /**
     * Hands the waiting events, oldest first, to {@code deliver}, which returns the ids it got acknowledged;
     * records those as delivered (atomically) and clears the spool once everything is delivered.
     *
     * @return how many events are still waiting
     */
    public int drain(Function<List<SpooledEvent>, Collection<String>> deliver) {
        return locked(() -> {
            Marker before = readMarker();
            List<Line> pending = readPending(before);
            if (pending.isEmpty()) {
                return 0;
            }
            Set<String> delivered = new LinkedHashSet<>(deliver.apply(pending.stream().map(Line::event).toList()));
            long offset = before.offset();
            Set<String> beyond = new LinkedHashSet<>(before.deliveredBeyond());
            boolean prefix = true;
            int left = 0;
            for (Line line : pending) {
                boolean done = delivered.contains(line.event().eventId());
                if (prefix && done) {
                    offset = line.end();
                } else {
                    prefix = false;
                    if (done) {
                        beyond.add(line.event().eventId());
                    } else {
                        left++;
                    }
                }
            }
            if (left == 0) {
                clear();
            } else {
                writeMarker(new Marker(offset, beyondOffset(beyond, offset)));
            }
            return left;
        });
    }

    private List<Line> readPending() throws IOException {
        return readPending(readMarker());
    }

    private List<Line> readPending(Marker marker) throws IOException {
        if (!Files.exists(events)) {
            return List.of();
        }
        byte[] all = Files.readAllBytes(events);
        // A marker past the end can only be stale (the file was replaced): re-deliver rather than skip.
        long start = marker.offset() <= all.length ? marker.offset() : 0;
        List<Line> lines = new ArrayList<>();
        int from = (int) start;
        for (int i = from; i < all.length; i++) {
            if (all[i] == '\n') {
                String text = new String(all, from, i - from, StandardCharsets.UTF_8);
                if (!text.isBlank()) {
                    JsonNode node = MAPPER.readTree(text);
                    SpooledEvent event = new SpooledEvent(node.path("event_id").asText(),
                            node.path("key").asText(null), node.path("value").asText());
                    if (!marker.deliveredBeyond().contains(event.eventId())) {
                        lines.add(new Line(event, i + 1L));
                    }
                }
                from = i + 1;
            }
        }
        return lines;
    }

    /** Ids beyond the new offset stay recorded; those now covered by the offset are forgotten. */
    private Set<String> beyondOffset(Set<String> beyond, long offset) throws IOException {
        Set<String> kept = new LinkedHashSet<>();
        if (beyond.isEmpty()) {
            return kept;
        }
        List<Line> rest = readPending(new Marker(offset, Set.of()));
        for (Line line : rest) {
            if (beyond.contains(line.event().eventId())) {
                kept.add(line.event().eventId());
            }
        }
        return kept;
    }

    private Marker readMarker() throws IOException {
        if (!Files.exists(marker)) {
            return new Marker(0, Set.of());
        }
        JsonNode node = MAPPER.readTree(Files.readAllBytes(marker));
        Set<String> beyond = new LinkedHashSet<>();
        node.path("delivered_beyond").forEach(id -> beyond.add(id.asText()));
        return new Marker(node.path("offset").asLong(0), beyond);
    }

    private void writeMarker(Marker value) throws IOException {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("offset", value.offset());
        value.deliveredBeyond().forEach(node.putArray("delivered_beyond")::add);
        Path temp = directory.resolve("events.delivered.tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(node.toString().getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(temp, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory();
    }

    /**
     * Everything delivered: remove the marker first, then the events. A crash in between leaves the events
     * without a marker, so they are delivered again (duplicates), never skipped (loss).
     */
    private void clear() throws IOException {
        Files.deleteIfExists(marker);
        syncDirectory();
        Files.deleteIfExists(events);
        syncDirectory();
    }

    /** A crash while appending can leave half a line; it was never acknowledged to anyone, so drop it. */
    private static void dropTornTail(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        if (last.get(0) == '\n') {
            return;
        }
        long end = size - 1;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (end > 0) {
            one.clear();
            channel.read(one, end - 1);
            if (one.get(0) == '\n') {
                break;
            }
            end--;
        }
        channel.truncate(end);
    }

    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Some platforms cannot open a directory for sync; the rename is still atomic there.
        }
    }

    private <T> T locked(IoAction<T> action) {
        ReentrantLock lock = LOCKS.computeIfAbsent(directory, d -> new ReentrantLock());
        lock.lock();
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                return action.run();
            }
        } catch (IOException e) {
            throw new ShapeException(ErrorKind.UNAVAILABLE, "event spool " + directory
                    + " is not usable: " + e.getMessage() + " (check that the folder is writable)", e);
        } catch (UncheckedIOException e) {
            throw new ShapeException(ErrorKind.UNAVAILABLE, "event spool " + directory
                    + " is not usable: " + e.getCause().getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @FunctionalInterface
    private interface IoAction<T> {
        T run() throws IOException;
    }

    private record Line(SpooledEvent event, long end) {
    }

    private record Marker(long offset, Set<String> deliveredBeyond) {
    }
}
