package io.shape.adapters.tracking.events;

import io.shape.domain.port.RunEvents;
import io.shape.domain.run.RunEvent;

import java.io.PrintStream;
import java.util.Objects;
import java.util.function.Consumer;

/** Run events as JSON lines on a stream or logger: the default {@code --events log}. */
public final class JsonLinesRunEvents implements RunEvents {
    private final RunEventJson json = new RunEventJson();
    private final Consumer<String> lines;

    /** Each event's JSON goes to {@code lines} as one line without its newline (e.g. a logger's info). */
    public JsonLinesRunEvents(Consumer<String> lines) {
        this.lines = Objects.requireNonNull(lines, "lines");
    }

    /** Each event's JSON is printed as one line on {@code stream} (typically stderr, so stdout stays data). */
    public static JsonLinesRunEvents to(PrintStream stream) {
        Objects.requireNonNull(stream, "stream");
        return new JsonLinesRunEvents(line -> {
            // println on a PrintStream is one synchronized write, so concurrent runs never interleave a line.
            stream.println(line);
            stream.flush();
        });
    }

    /** Each event's JSON is appended as one line to {@code file} (created with its folder when absent). */
    public static JsonLinesRunEvents appendingTo(java.nio.file.Path file) {
        Objects.requireNonNull(file, "file");
        return new JsonLinesRunEvents(line -> appendLine(file, line));
    }

    private static synchronized void appendLine(java.nio.file.Path file, String line) {
        try {
            java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
            // getBytes replaces what UTF-8 cannot encode (a lone surrogate from a user's file) where
            // Files.writeString would throw and lose the event.
            java.nio.file.Files.write(file, (line + System.lineSeparator()).getBytes(
                    java.nio.charset.StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot append run events to " + file, e);
        }
    }

    @Override
    public void publish(RunEvent event) {
        lines.accept(json.encode(event));
    }
}
