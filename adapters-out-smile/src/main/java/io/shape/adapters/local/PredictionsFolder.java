package io.shape.adapters.local;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.data.DataFormat;
import io.shape.domain.run.RunOutputs;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The predictions folder under construction: part files go to a hidden sibling folder, which becomes the
 * real folder, {@code _SUCCESS} included, by one atomic rename when every row is written. On failure the hidden
 * folder is deleted, so nothing claims success.
 */
final class PredictionsFolder {
    static final String SUCCESS = "_SUCCESS";

    private final Path target;
    private final Path temporary;
    private final DataFormat format;
    private final PredictionColumns columns;
    private final long rowsPerPart;
    private final List<String> partNames = new ArrayList<>();
    private PartWriter part;
    private long rowsInPart;

    private PredictionsFolder(Path target, Path temporary, DataFormat format, PredictionColumns columns,
                              long rowsPerPart) {
        this.target = target;
        this.temporary = temporary;
        this.format = format;
        this.columns = columns;
        this.rowsPerPart = rowsPerPart;
    }

    /** Refuses an existing folder before any work is done, so a long run does not fail at its very end. */
    static Path checkAbsent(String predictionsDir) {
        Path target = InputTable.localPath(predictionsDir).toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw ShapeException.invalidInput("the predictions folder " + target
                    + " already exists; choose another --output folder or remove it");
        }
        return target;
    }

    static PredictionsFolder create(String predictionsDir, String runId, DataFormat format,
                                    PredictionColumns columns, long rowsPerPart) {
        Path target = checkAbsent(predictionsDir);
        Path temporary = target.resolveSibling(RunOutputs.stagingName(target.getFileName().toString(), runId));
        try {
            Files.createDirectories(target.getParent());
            Files.createDirectory(temporary);
        } catch (IOException e) {
            throw new ShapeException(ErrorKind.INVALID_INPUT, "cannot create the predictions folder next to "
                    + target + ": " + e.getMessage() + "; check that the output folder is writable", e);
        }
        return new PredictionsFolder(target, temporary, format, columns, rowsPerPart);
    }

    /** Writes a scored batch, starting a new part file every {@code rowsPerPart} rows. */
    void write(Batch batch) throws IOException {
        int done = 0;
        while (done < batch.rows) {
            if (part == null || rowsInPart == rowsPerPart) {
                nextPart();
            }
            int count = (int) Math.min(batch.rows - done, rowsPerPart - rowsInPart);
            part.write(batch, done, count);
            done += count;
            rowsInPart += count;
        }
    }

    private void nextPart() throws IOException {
        closePart();
        String name = String.format("part-%05d.%s", partNames.size(), format == DataFormat.CSV ? "csv" : "parquet");
        Path file = temporary.resolve(name);
        part = format == DataFormat.CSV ? new CsvPartWriter(file, columns) : new ParquetPartWriter(file, columns);
        partNames.add(name);
        rowsInPart = 0;
    }

    private void closePart() throws IOException {
        if (part != null) {
            PartWriter p = part;
            part = null;
            p.close();
        }
    }

    /** Closes the last part, moves the folder into place and writes {@code _SUCCESS}; the final part paths. */
    List<String> commit() throws IOException {
        if (partNames.isEmpty()) {
            nextPart(); // zero rows cannot reach here, but an empty result still gets a readable part
        }
        closePart();
        // _SUCCESS goes in before the rename, so the one atomic rename publishes the parts and the marker
        // together: a crash can never leave a visible predictions folder without it.
        Files.createFile(temporary.resolve(SUCCESS));
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target);
        } catch (FileAlreadyExistsException e) {
            throw ShapeException.invalidInput("the predictions folder " + target
                    + " appeared while the run was writing; it was left untouched");
        }
        List<String> parts = new ArrayList<>();
        for (String name : partNames) {
            parts.add(target.resolve(name).toString());
        }
        return parts;
    }

    /** Removes everything written so far; never throws (it runs while another failure propagates). */
    void abort() {
        try {
            if (part != null) {
                PartWriter p = part;
                part = null;
                p.abort();
            }
        } catch (IOException | RuntimeException e) {
            // The part is being thrown away.
        }
        deleteRecursively(temporary);
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Best effort: a leftover hidden folder never claims success (it has no _SUCCESS).
        }
    }
}
