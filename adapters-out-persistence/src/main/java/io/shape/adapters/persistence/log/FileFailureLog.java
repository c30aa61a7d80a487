package io.shape.adapters.persistence.log;

import io.shape.domain.port.FailureLog;
import io.shape.domain.run.Run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The original job's {@code logs/failure.log}: one line per failed run, appended —
 * {@code <time>\t<run id>\t<status>\t<error kind>\t<message>\t<output folder>}.
 */
public final class FileFailureLog implements FailureLog {
    private final Path file;

    public FileFailureLog(Path file) {
        this.file = file;
    }

    @Override
    public synchronized void append(Run run) {
        String message = run.error() == null ? "" : run.error().message().replaceAll("\\s+", " ");
        String kind = run.error() == null ? "" : run.error().kind().name();
        String line = String.join("\t", String.valueOf(run.endedAt()), run.id().value(), run.status().name(), kind,
                message, run.outputs() == null ? "" : run.outputs().directory()) + System.lineSeparator();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // getBytes replaces what UTF-8 cannot encode (a lone surrogate quoted from a user's file) where
            // Files.writeString would throw and lose the line (reliability finding).
            Files.write(file, line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }
}
