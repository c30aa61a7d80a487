package io.shape.adapters.persistence.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shape.adapters.persistence.ProcessIdentity;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.port.RunRepository;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunStatus;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The embedded run store: one JSON file per run ({@code <folder>/<run id>.json}), replaced atomically. Each
 * unfinished record names its owner process, so a run left RUNNING by a crashed process can be told from one
 * still running.
 */
public final class JsonRunRepository implements RunRepository {
    private final Path folder;
    private final Clock clock;
    private final ProcessIdentity self;

    public JsonRunRepository(Path folder, Clock clock) {
        this(folder, clock, ProcessIdentity.current());
    }

    /** A store acting as process {@code self} (tests pose as another process with it). */
    public JsonRunRepository(Path folder, Clock clock, ProcessIdentity self) {
        this.folder = folder;
        this.clock = clock;
        this.self = self;
    }

    @Override
    public void save(Run run) {
        if (!run.status().isTerminal() && find(run.id()).map(r -> r.status().isTerminal()).orElse(false)) {
            return;
        }
        ObjectNode doc = RunJson.toJson(run);
        if (!run.status().isTerminal()) {
            doc.set("owner", self.toJson());
        }
        Json.writeAtomically(file(run.id()), doc);
    }

    @Override
    public Optional<Run> find(RunId id) {
        try {
            return Optional.of(RunJson.fromJson(Json.read(file(id))));
        } catch (NoSuchFileException | FileNotFoundException e) {
            // Jackson reading a java.io.File reports a missing file as FileNotFoundException.
            return Optional.empty();
        } catch (IOException e) {
            throw unreadable(file(id), e);
        }
    }

    @Override
    public List<Run> list(Optional<RunStatus> status, int offset, int limit) {
        List<Run> runs = new ArrayList<>();
        for (Path f : files()) {
            Run run = read(f);
            if (run != null && status.map(s -> s == run.status()).orElse(true)) {
                runs.add(run);
            }
        }
        runs.sort(Comparator.comparing((Run r) -> r.createdAt()).thenComparing(r -> r.id().value()).reversed());
        return runs.stream().skip(offset).limit(limit).toList();
    }

    @Override
    public List<Run> failAbandoned(String reason) {
        List<Run> marked = new ArrayList<>();
        for (Path f : files()) {
            try {
                JsonNode doc = Json.read(f);
                Run run = RunJson.fromJson(doc);
                if (run.status().isTerminal() || !ProcessIdentity.isGone(ProcessIdentity.fromJson(doc.get("owner")), self)) {
                    continue;
                }
                Run failed = AbandonedRuns.settle(run, clock.instant(), reason);
                save(failed);
                marked.add(failed);
            } catch (IOException | RuntimeException e) {
                // A record we cannot read is left for a human; it must not stop the store from opening.
            }
        }
        return marked;
    }

    private List<Path> files() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")
                    && RunId.isValid(p.getFileName().toString().replace(".json", ""))).sorted().toList();
        } catch (IOException e) {
            throw unreadable(folder, e);
        }
    }

    private static Run read(Path f) {
        try {
            return RunJson.fromJson(Json.read(f));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Path file(RunId id) {
        return folder.resolve(id.value() + ".json");
    }

    private static ShapeException unreadable(Path p, IOException e) {
        return new ShapeException(ErrorKind.UNAVAILABLE, "run store " + p + " cannot be read: " + e.getMessage(), e);
    }
}
